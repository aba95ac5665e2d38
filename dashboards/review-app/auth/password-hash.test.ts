import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password-hash.ts';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one, with a fresh salt per hash', async () => {
    const first = await hashPassword('correct horse battery', 1024);
    const second = await hashPassword('correct horse battery', 1024);
    expect(first).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('correct horse battery', first)).toBe(true);
    expect(await verifyPassword('correct horse batterx', first)).toBe(false);
  });

  it('keeps the cost in the hash, so raising the configured cost leaves old hashes valid', async () => {
    const old = await hashPassword('较长的中文密码也可以用', 2048);
    expect(old.split('$')[1]).toBe('2048');
    expect(await verifyPassword('较长的中文密码也可以用', old)).toBe(true);
  });

  it('never matches a malformed stored hash', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'md5$abc')).toBe(false);
  });

  it('generates random passwords of the asked length without look-alike characters', () => {
    const passwords = new Set(Array.from({ length: 50 }, () => generatePassword(20)));
    expect(passwords.size).toBe(50);
    for (const password of passwords) expect(password).toMatch(/^[a-km-zA-HJ-NP-Z2-9]{20}$/);
  });
});
