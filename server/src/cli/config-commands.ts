import { randomBytes } from 'node:crypto';
import { isReaderTokenShaped } from '../auth/token-shape.js';
import { CommandError, readCommandConfig, type CommandOutput } from './cli-context.js';

const checkConfigHelp = `Usage: hearth check-config

Reads the configuration exactly as the server's start-up does (HEARTH_CONFIG or
hearth.config.json, then the HEARTH_* variables, PORT, HOST, DATABASE_URL) and says what is
wrong, field by field; exit status 0 when the server would start with it, 1 otherwise.`;

const adminTokenHelp = `Usage: hearth admin-token

Prints a new random admin token (32 random bytes, base64url) for an admin's "token" in the
config file or HEARTH_ADMIN_TOKEN.`;

/** `hearth check-config`. */
export function runCheckConfigCommand(args: string[], env: NodeJS.ProcessEnv, io: CommandOutput): void {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(checkConfigHelp);
    return;
  }
  if (args.length > 0) throw new CommandError(`check-config takes no arguments.\n\n${checkConfigHelp}`, 2);
  const { serverEnv, loaded } = readCommandConfig(env);
  const { config } = loaded;
  const lines = [
    loaded.file === null
      ? 'Configuration OK: no config file, the built-in demo site (set HEARTH_CONFIG to use a file).'
      : `Configuration OK: ${loaded.file}`,
    ...config.sites.map(
      (site) => `  site ${site.id}: ${site.origins.join(', ')} (moderation: ${site.moderation})`,
    ),
    `  admins: ${config.admins.length === 0 ? 'none' : config.admins.map((admin) => admin.name).join(', ')}`,
    `  email: ${config.email ? `on, from ${config.email.from}` : 'off'}`,
    `  database: ${serverEnv.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}`,
    `  listens on: ${serverEnv.host}:${serverEnv.port}`,
  ];
  io.out(lines.join('\n'));
}

/** `hearth admin-token`. */
export function runAdminTokenCommand(args: string[], io: CommandOutput): void {
  if (args.includes('--help') || args.includes('-h')) {
    io.out(adminTokenHelp);
    return;
  }
  if (args.length > 0) throw new CommandError(`admin-token takes no arguments.\n\n${adminTokenHelp}`, 2);
  // base64url has no dots, so never a JWT's shape; drawing again makes an hga_ start impossible too.
  let token: string;
  do token = randomBytes(32).toString('base64url');
  while (isReaderTokenShaped(token));
  io.out(token);
}
