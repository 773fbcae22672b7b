/**
 * The `hearth` command for operators (`npm run hearth -- <command>` in the repository; the server
 * package's `bin`): import, export, backup, check-config, admin-token. Uses the server's own
 * DATABASE_URL and HEARTH_CONFIG. Exits 0 on success, 1 when the work failed, 2 for a wrong
 * command line, with the reason on stderr.
 */
import { runBackupCommand } from './backup-command.js';
import { CommandError, type CommandOutput } from './cli-context.js';
import { runAdminTokenCommand, runCheckConfigCommand } from './config-commands.js';
import { runExportCommand } from './export-command.js';
import { runImportCommand } from './import-command.js';

const help = `Usage: hearth <command> [options]

Commands:
  import <file> --site <id>   import comments from Disqus, WordPress, Isso, Remark42, Commento
                              or a Hearth export
  export --site <id>          write a site in Hearth's open export format
  backup <file>               copy the SQLite database consistently while the server runs
  check-config                check the configuration as the server's start-up would
  admin-token                 print a new random admin token

Run \`hearth <command> --help\` for a command's options. The commands use the server's
environment: DATABASE_URL (default sqlite:data/hearth.db) and HEARTH_CONFIG.`;

/** Runs one command line; resolves with the exit status. */
async function runHearthCommand(argv: string[], env: NodeJS.ProcessEnv, io: CommandOutput): Promise<number> {
  const [command, ...args] = argv;
  try {
    switch (command) {
      case 'import':
        await runImportCommand(args, env, io);
        return 0;
      case 'export':
        await runExportCommand(args, env, io);
        return 0;
      case 'backup':
        await runBackupCommand(args, env, io);
        return 0;
      case 'check-config':
        runCheckConfigCommand(args, env, io);
        return 0;
      case 'admin-token':
        runAdminTokenCommand(args, io);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        io.out(help);
        return command === undefined ? 2 : 0;
      default:
        io.err(`hearth: unknown command "${command}".\n\n${help}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CommandError) {
      io.err(`hearth ${command}: ${error.message}`);
      return error.exitCode;
    }
    throw error;
  }
}

/** Runs the process's command line (server/bin/hearth.js) and sets its exit status. */
export async function main(): Promise<void> {
  process.exitCode = await runHearthCommand(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}
