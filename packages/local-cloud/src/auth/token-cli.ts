/**
 * `pnpm token <userName> [--admin] [--access]`: asks the running `pnpm dev` for a token and prints
 * it, for `curl -H "Authorization: Bearer $(pnpm -s token swn)"`. An ID token by default, shaped
 * like Cognito's; `--access` for one shaped like Cognito's access token.
 *
 * `pnpm token --stage <stage> [--region <region>] <userName> [--access]`: signs in to the deployed
 * stage's Cognito user pool (SRP, as a storefront does) and prints the real token. The password comes
 * from ESHOP_PASSWORD, else is asked for on the terminal (not echoed), else read from standard input.
 * The user's groups are Cognito's: `--admin` applies only locally.
 */
import { parseArgs } from 'node:util';
import { readDeployedStage, signInWithSrp } from './cognito.js';
import { requestToken } from './dev-issuer.js';

const USAGE =
  'usage: pnpm token <userName> [--admin] [--access]\n' +
  '       pnpm token --stage <stage> [--region <region>] <userName> [--access]   (password: ESHOP_PASSWORD or prompt)\n';

const fail = (message: string, code = 2): never => {
  process.stderr.write(message);
  process.exit(code);
};

const parsed = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(2).filter((arg) => arg !== '--'),
      allowPositionals: true,
      options: {
        admin: { type: 'boolean', default: false },
        access: { type: 'boolean', default: false },
        stage: { type: 'string' },
        region: { type: 'string' },
      },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
const { values, positionals } = parsed;
const [userName, ...extra] = positionals;
if (userName === undefined || extra.length > 0) fail(USAGE);
if (values.stage !== undefined && values.admin) {
  fail('--admin mints local tokens only: on a deployed stage, add the user to the admin group in Cognito\n');
}

/** The password, without echoing it: from ESHOP_PASSWORD, a terminal prompt, or standard input. */
const readPassword = async (): Promise<string> => {
  if (process.env.ESHOP_PASSWORD) return process.env.ESHOP_PASSWORD;
  const { stdin, stderr } = process;
  if (!stdin.isTTY) {
    let input = '';
    for await (const chunk of stdin) input += chunk;
    return input.replace(/\r?\n$/, '');
  }
  stderr.write(`Password for ${userName}: `);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve) => {
    let password = '';
    const onData = (data: Buffer) => {
      for (const char of data.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stderr.write('\n');
          resolve(password);
          return;
        }
        if (char === '\u0003') fail('\n', 130);
        password = char === '\u007f' ? password.slice(0, -1) : password + char;
      }
    };
    stdin.on('data', onData);
  });
};

const deployedToken = async (stage: string, name: string): Promise<string> => {
  const region = values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const { userPoolId, clientId } = await readDeployedStage(stage, region);
  const tokens = await signInWithSrp({
    userPoolId,
    clientId,
    userName: name,
    password: await readPassword(),
  });
  return values.access ? tokens.accessToken : tokens.idToken;
};

const localToken = (name: string): Promise<string> => {
  const port = process.env.AUTH_PORT ?? '4020';
  return requestToken(`http://127.0.0.1:${port}`, name, {
    admin: values.admin,
    tokenUse: values.access ? 'access' : 'id',
  }).catch((error: Error) => {
    throw new Error(`Could not get a token from 127.0.0.1:${port} (is pnpm dev running?): ${error.message}`);
  });
};

try {
  const name = userName ?? '';
  const token = values.stage === undefined ? await localToken(name) : await deployedToken(values.stage, name);
  process.stdout.write(`${token}\n`);
} catch (error) {
  fail(`${(error as Error).message}\n`, 1);
}
