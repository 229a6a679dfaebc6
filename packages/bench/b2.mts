import { build } from 'esbuild';
import { productionLike } from './src/cold-start/build-baselines.ts';
for (const f of [process.argv[2]]) {
  const r = await build({ ...productionLike, entryPoints: [f], write: false, metafile: true, logLevel: 'error' });
  const ins = Object.values(r.metafile.outputs)[0].inputs; const by = {};
  for (const [k,v] of Object.entries(ins)) { const m = k.match(/node_modules\/((@[^/]+\/)?[^/]+)\/(?!.*node_modules)/); const key = m? m[1] : k.split('/').slice(0,4).join('/'); by[key]=(by[key]||0)+v.bytesInOutput; }
  console.log(f, r.outputFiles[0].text.length);
  for (const [k,v] of Object.entries(by).sort((a,b)=>b[1]-a[1]).slice(0,40)) console.log(String(v).padStart(8), k);
}
