import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { packageService } from '@eshop/local-cloud';
import { esbuild } from '@eshop/serverless-config';
import { unzipSync } from 'fflate';

/** One function's production artifact, unpacked, and what its composition root needs to start. */
export interface PackagedFunction {
  service: string;
  functionKey: string;
  /** The unpacked handler module (`src/functions/<name>.cjs`). */
  handlerFile: string;
  /** The handler's module within the service, without extension (`src/functions/<name>`). */
  handlerModule: string;
  exportName: string;
  bytes: { code: number; sourceMap: number; zip: number };
  /** The function's environment exactly as the CloudFormation template sets it (NODE_OPTIONS too). */
  environment: Record<string, string>;
}

interface LambdaResource {
  Type: string;
  Properties?: {
    Handler?: string;
    Code?: { S3Key?: unknown };
    Environment?: { Variables?: Record<string, unknown> };
  };
}

// Values that are intrinsics ({ Ref: ... }) only exist once deployed; the bench supplies those itself.
const literalVariables = (variables: Record<string, unknown> = {}): Record<string, string> =>
  Object.fromEntries(
    Object.entries(variables).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );

const unpack = async (zipFile: string, into: string): Promise<void> => {
  const files = unzipSync(new Uint8Array(await readFile(zipFile)));
  for (const [name, content] of Object.entries(files)) {
    if (name.endsWith('/')) continue;
    await mkdir(dirname(join(into, name)), { recursive: true });
    await writeFile(join(into, name), content);
  }
};

const fileSize = async (file: string): Promise<number> => (await stat(file).catch(() => ({ size: 0 }))).size;

/**
 * Builds a service exactly as a deploy would (`serverless package`: serverless-esbuild with the
 * service's own settings, one zip per function), unpacks each zip and measures it.
 */
export const packageFunctions = async (
  servicesDir: string,
  service: string,
  workDir: string,
): Promise<PackagedFunction[]> => {
  const outputDir = join(workDir, `${service}-package`);
  // Stage `local`: the one stage whose params `pnpm dev` guarantees to resolve without a deployed
  // stack (e.g. the JWT issuer). The bundles are the same for every stage; only env values differ.
  const { template } = await packageService(join(servicesDir, service), 'local', outputDir);
  const functions: PackagedFunction[] = [];
  for (const resource of Object.values(template.Resources) as LambdaResource[]) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const { Handler = '', Code, Environment } = resource.Properties ?? {};
    if (typeof Code?.S3Key !== 'string') continue;
    const zipName = basename(Code.S3Key);
    const functionKey = zipName.replace(/\.zip$/, '');
    const unpacked = join(workDir, service, functionKey);
    const zipFile = join(outputDir, zipName);
    await unpack(zipFile, unpacked);
    const handlerModule = Handler.slice(0, Handler.lastIndexOf('.'));
    const handlerFile = join(unpacked, `${handlerModule}${esbuild.outputFileExtension}`);
    functions.push({
      service,
      functionKey,
      handlerFile,
      handlerModule,
      exportName: Handler.slice(Handler.lastIndexOf('.') + 1),
      bytes: {
        code: await fileSize(handlerFile),
        sourceMap: await fileSize(`${handlerFile}.map`),
        zip: await fileSize(zipFile),
      },
      environment: literalVariables(Environment?.Variables),
    });
  }
  return functions;
};
