import type { Command } from 'commander';
import type { Logger } from 'pino';
import type { Config } from '../config/config-schema.ts';
import { ConfigError, defaultConfigPath, loadConfig, type ConfigOverrides } from '../config/load-config.ts';
import { createLogger } from './logger.ts';
import { runStartChecks } from './start-checks.ts';

export interface CliContext { config: Config; configPath: string; logger: Logger; warnings: string[] }

/** What to check besides the schema: `start` and `config check` run the start checks too, so they agree. */
export interface CliContextOptions {
  startChecks?: boolean;
  /** Settings from command-line flags, applied over the file and the environment before validation. */
  overrides?: ConfigOverrides;
}

/** Exit code for a configuration the program refuses to start with. */
export const exitBadConfig = 2;

/**
 * Loads and validates the config named by `--config` (or YUQING_CONFIG, or the bundled default). On a bad config
 * it prints every problem with its field path and exits non-zero before anything starts.
 */
export function cliContext(command: Command, contextOptions: CliContextOptions = {}): CliContext {
  const options = command.optsWithGlobals<{ config?: string }>();
  const configPath = options.config ?? process.env.YUQING_CONFIG ?? defaultConfigPath;
  try {
    const config = loadConfig(configPath, process.env, contextOptions.overrides);
    const checks = contextOptions.startChecks ? runStartChecks(config) : { problems: [], warnings: [] };
    if (checks.problems.length > 0) throw new ConfigError(configPath, checks.problems);
    return { config, configPath, logger: createLogger(config.logLevel), warnings: checks.warnings };
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nNothing was started. Fix the fields above (see "Configuration reference" in README.md).\n`);
      process.exit(exitBadConfig);
    }
    throw error;
  }
}

/** Runs a command body, turning a thrown error into one clear line and exit code 1. */
export function runAction<A extends unknown[]>(body: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await body(...args);
    } catch (error) {
      process.stderr.write(`yuqing: ${(error as Error).message}\n`);
      if (process.env.YUQING_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
      process.exit(1);
    }
  };
}
