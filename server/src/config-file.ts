import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { isReaderTokenShaped } from './auth/token-shape.js';
import {
  configIssueMessage,
  demoSite,
  describeConfigError,
  EmailConfigSchema,
  HearthConfigSchema,
  isPlaceholderSecret,
  placeholderSecretMessage,
  PublicUrlSchema,
  readerShapedTokenMessage,
  type HearthConfig,
} from './site-config.js';

/** The file looked for at the repository root when `HEARTH_CONFIG` is not set. */
export const defaultConfigFileName = 'hearth.config.json';

/** The configuration the server runs with, and where it came from. */
export interface LoadedHearthConfig {
  config: HearthConfig;
  /** Absolute path of the file read, or null when there was none and the demo site is served. */
  file: string | null;
}

/**
 * Reads the server's configuration: the file named by `HEARTH_CONFIG` (a relative path resolves
 * against `repoRoot`, like `DATABASE_URL`), else `hearth.config.json` at `repoRoot` if present,
 * else the demo site alone. Then applies the environment: `HEARTH_ADMIN_TOKEN` adds (or
 * replaces) the admin named `admin`, `HEARTH_SECRET` sets `secret`, `HEARTH_TRUST_PROXY`,
 * `HEARTH_COMPRESSION` and `HEARTH_SOURCE_MAPS` (`1`/`true`/`0`/`false` each) set `trustProxy`,
 * `compression` and `sourceMaps`; `HEARTH_SMTP_URL` and `HEARTH_MAIL_FROM` set `email` (both
 * needed unless the file has `email`), and `HEARTH_PUBLIC_URL` sets `publicUrl`.
 *
 * Throws one Error whose message lists every problem on its own line, each naming the field
 * (`sites.0.origins.1: …`) or the variable (`HEARTH_SECRET: …`). Never echoes a secret.
 */
export function loadHearthConfig(env: NodeJS.ProcessEnv, repoRoot: string): LoadedHearthConfig {
  const file = locateConfigFile(env, repoRoot);
  const problems: string[] = [];
  let config: HearthConfig = {
    sites: [demoSite],
    admins: [],
    trustProxy: false,
    compression: true,
    sourceMaps: false,
    streamsPerClient: 20,
    jobLeaseSeconds: 60,
  };
  if (file !== null) {
    const parsed = HearthConfigSchema.safeParse(readJsonFile(file), { error: configIssueMessage });
    if (parsed.success) config = parsed.data;
    else problems.push(...describeConfigError(parsed.error).split('\n'));
  }
  const overrides = readEnvOverrides(env, problems);
  problems.push(...checkEmailSettings(config, overrides));
  if (problems.length > 0) {
    const where = file === null ? '' : ` in ${file}`;
    throw new Error(`invalid configuration${where}:\n${problems.map((line) => `  ${line}`).join('\n')}`);
  }
  return { config: applyOverrides(config, overrides), file };
}

/** The config file to read, or null for none; throws when `HEARTH_CONFIG` names a missing file. */
function locateConfigFile(env: NodeJS.ProcessEnv, repoRoot: string): string | null {
  const named = env.HEARTH_CONFIG?.trim();
  if (named) {
    const file = path.resolve(repoRoot, named);
    if (!existsSync(file)) throw new Error(`HEARTH_CONFIG names ${file}, which does not exist.`);
    return file;
  }
  const fallback = path.join(repoRoot, defaultConfigFileName);
  return existsSync(fallback) ? fallback : null;
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    // Editors on Windows may save a byte order mark, which JSON.parse refuses.
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    throw new Error(`cannot read the configuration file ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    // V8 names the position in some messages but not all, so find it ourselves.
    const { line, column } = lineAndColumn(text, locateJsonError(text));
    const reason = (error as Error).message
      .replace(/( in JSON)? at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '');
    throw new Error(`${file} is not valid JSON: ${reason} at line ${line}, column ${column}.`, {
      cause: error,
    });
  }
}

interface EnvOverrides {
  adminToken?: string;
  secret?: string;
  trustProxy?: boolean;
  compression?: boolean;
  sourceMaps?: boolean;
  smtpUrl?: string;
  mailFrom?: string;
  publicUrl?: string;
}

/** Reads the `HEARTH_*` variables, adding a line to `problems` for each bad one. */
function readEnvOverrides(env: NodeJS.ProcessEnv, problems: string[]): EnvOverrides {
  const overrides: EnvOverrides = {};
  const adminToken = env.HEARTH_ADMIN_TOKEN?.trim();
  if (adminToken) {
    // The token itself is never echoed: error output ends up in logs.
    if (adminToken.length < 24) {
      problems.push(`HEARTH_ADMIN_TOKEN: must be at least 24 characters (it has ${adminToken.length})`);
    } else if (/\s/.test(adminToken)) {
      problems.push('HEARTH_ADMIN_TOKEN: must not contain spaces');
    } else if (isPlaceholderSecret(adminToken)) {
      problems.push(`HEARTH_ADMIN_TOKEN: ${placeholderSecretMessage}`);
    } else if (isReaderTokenShaped(adminToken)) {
      problems.push(`HEARTH_ADMIN_TOKEN: ${readerShapedTokenMessage}`);
    } else {
      overrides.adminToken = adminToken;
    }
  }
  const secret = env.HEARTH_SECRET?.trim();
  if (secret) {
    if (secret.length < 32) {
      problems.push(`HEARTH_SECRET: must be at least 32 characters (it has ${secret.length})`);
    } else if (isPlaceholderSecret(secret)) {
      problems.push(`HEARTH_SECRET: ${placeholderSecretMessage}`);
    } else {
      overrides.secret = secret;
    }
  }
  overrides.trustProxy = readFlag(env, 'HEARTH_TRUST_PROXY', problems);
  overrides.compression = readFlag(env, 'HEARTH_COMPRESSION', problems);
  overrides.sourceMaps = readFlag(env, 'HEARTH_SOURCE_MAPS', problems);
  overrides.smtpUrl = readChecked(env, 'HEARTH_SMTP_URL', EmailConfigSchema.shape.smtpUrl, problems);
  overrides.mailFrom = readChecked(env, 'HEARTH_MAIL_FROM', EmailConfigSchema.shape.from, problems);
  overrides.publicUrl = readChecked(env, 'HEARTH_PUBLIC_URL', PublicUrlSchema, problems);
  return overrides;
}

/** What is missing for email: both halves of the SMTP settings, and the address links point to. */
function checkEmailSettings(config: HearthConfig, overrides: EnvOverrides): string[] {
  const smtpUrl = overrides.smtpUrl ?? config.email?.smtpUrl;
  const from = overrides.mailFrom ?? config.email?.from;
  if (smtpUrl === undefined && from === undefined) return [];
  if (from === undefined) return ['HEARTH_MAIL_FROM: needed with HEARTH_SMTP_URL: the sender of every email'];
  if (smtpUrl === undefined) return ['HEARTH_SMTP_URL: needed with HEARTH_MAIL_FROM: where email is sent'];
  if ((overrides.publicUrl ?? config.publicUrl) === undefined) {
    return [
      'publicUrl: needed with email, for the links in it (or set HEARTH_PUBLIC_URL), e.g. https://comments.example.org',
    ];
  }
  return [];
}

/** A variable checked by `schema` (never echoed: an SMTP address may hold a password), or undefined. */
function readChecked(
  env: NodeJS.ProcessEnv,
  name: string,
  schema: z.ZodType<string>,
  problems: string[],
): string | undefined {
  const text = env[name]?.trim();
  if (!text) return undefined;
  const parsed = schema.safeParse(text);
  if (parsed.success) return parsed.data;
  problems.push(`${name}: ${parsed.error.issues[0]?.message ?? 'is not valid'}`);
  return undefined;
}

/** A `1`/`true`/`0`/`false` variable, undefined when unset; adds a line to `problems` when bad. */
function readFlag(env: NodeJS.ProcessEnv, name: string, problems: string[]): boolean | undefined {
  const text = env[name]?.trim().toLowerCase();
  if (!text) return undefined;
  if (text === '1' || text === 'true') return true;
  if (text === '0' || text === 'false') return false;
  problems.push(`${name}: must be 1, true, 0 or false, got "${env[name]}"`);
  return undefined;
}

function applyOverrides(config: HearthConfig, overrides: EnvOverrides): HearthConfig {
  const result: HearthConfig = { ...config };
  if (overrides.adminToken !== undefined) {
    result.admins = [
      ...config.admins.filter((admin) => admin.name !== 'admin'),
      { name: 'admin', token: overrides.adminToken },
    ];
  }
  if (overrides.secret !== undefined) result.secret = overrides.secret;
  if (overrides.trustProxy !== undefined) result.trustProxy = overrides.trustProxy;
  if (overrides.compression !== undefined) result.compression = overrides.compression;
  if (overrides.sourceMaps !== undefined) result.sourceMaps = overrides.sourceMaps;
  if (overrides.publicUrl !== undefined) result.publicUrl = overrides.publicUrl;
  const smtpUrl = overrides.smtpUrl ?? config.email?.smtpUrl;
  const from = overrides.mailFrom ?? config.email?.from;
  if (smtpUrl !== undefined && from !== undefined) result.email = { ...config.email, smtpUrl, from };
  return result;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The offset of the first syntax error in `text`, which JSON.parse has refused. */
function locateJsonError(text: string): number {
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const readWord = (word: string): boolean => {
    for (const char of word) {
      if (text[at] !== char) return false;
      at++;
    }
    return true;
  };
  const readString = (): boolean => {
    at++; // the opening quote
    while (at < text.length) {
      const char = text[at]!;
      if (char === '"') {
        at++;
        return true;
      }
      if (char < ' ') return false;
      if (char === '\\') {
        const escaped = text[at + 1] ?? '';
        if (escaped === 'u' && /^[\da-f]{4}$/i.test(text.slice(at + 2, at + 6))) at += 6;
        else if (escaped !== '' && '"\\/bfnrt'.includes(escaped)) at += 2;
        else return false;
      } else {
        at++;
      }
    }
    return false;
  };
  const readNumber = (): boolean => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(at));
    if (match) at += match[0].length;
    return match !== null;
  };
  const readList = (close: string, readItem: () => boolean): boolean => {
    at++; // the opening bracket
    skipSpace();
    if (text[at] === close) return readWord(close);
    for (;;) {
      if (!readItem()) return false;
      skipSpace();
      if (text[at] === close) return readWord(close);
      if (!readWord(',')) return false;
    }
  };
  const readMember = (): boolean => {
    skipSpace();
    if (text[at] !== '"' || !readString()) return false;
    skipSpace();
    return readWord(':') && readValue();
  };
  const readValue = (): boolean => {
    skipSpace();
    switch (text[at]) {
      case '{':
        return readList('}', readMember);
      case '[':
        return readList(']', readValue);
      case '"':
        return readString();
      case 't':
        return readWord('true');
      case 'f':
        return readWord('false');
      case 'n':
        return readWord('null');
      default:
        return readNumber();
    }
  };
  if (readValue()) skipSpace();
  return at;
}
