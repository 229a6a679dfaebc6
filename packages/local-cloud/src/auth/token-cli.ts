/**
 * `pnpm token <userName> [--admin]`: asks the running `pnpm dev` for a token and prints it, for
 * `curl -H "Authorization: Bearer $(pnpm -s token swn)"`.
 */
const [userName, ...flags] = process.argv.slice(2).filter((arg) => arg !== '--');
if (userName === undefined) {
  process.stderr.write('usage: pnpm token <userName> [--admin]\n');
  process.exit(2);
}
const port = process.env.AUTH_PORT ?? '4020';
try {
  const response = await fetch(`http://127.0.0.1:${port}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userName, groups: flags.includes('--admin') ? ['admin'] : [] }),
  });
  const body = (await response.json()) as { token?: string; error?: string };
  if (!response.ok || body.token === undefined) throw new Error(body.error ?? `HTTP ${response.status}`);
  process.stdout.write(`${body.token}\n`);
} catch (error) {
  process.stderr.write(
    `Could not get a token from 127.0.0.1:${port} (is pnpm dev running?): ${(error as Error).message}\n`,
  );
  process.exit(1);
}
