/**
 * `pnpm token <userName> [--admin] [--access]`: asks the running `pnpm dev` for a token and prints
 * it, for `curl -H "Authorization: Bearer $(pnpm -s token swn)"`. An ID token by default, shaped
 * like Cognito's; `--access` for one shaped like Cognito's access token.
 */
import { requestToken } from './dev-issuer.js';

const FLAGS = ['--admin', '--access'];
const [userName, ...flags] = process.argv.slice(2).filter((arg) => arg !== '--');
const unknown = flags.filter((flag) => !FLAGS.includes(flag));
if (userName === undefined || userName.startsWith('-') || unknown.length > 0) {
  process.stderr.write('usage: pnpm token <userName> [--admin] [--access]\n');
  process.exit(2);
}
const port = process.env.AUTH_PORT ?? '4020';
try {
  const token = await requestToken(`http://127.0.0.1:${port}`, userName, {
    admin: flags.includes('--admin'),
    tokenUse: flags.includes('--access') ? 'access' : 'id',
  });
  process.stdout.write(`${token}\n`);
} catch (error) {
  process.stderr.write(
    `Could not get a token from 127.0.0.1:${port} (is pnpm dev running?): ${(error as Error).message}\n`,
  );
  process.exit(1);
}
