import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini is zod 4's tree-shakable build: the same schemas, parser and `z.toJSONSchema` as classic
// zod at about a fifth of its size and init time (issue 14). Unlike classic zod it registers no
// locale, so without this every issue would read "Invalid input"; English keeps the messages
// clients have always seen. This module is listed in package.json `sideEffects` so bundlers keep
// the call. Import it as a namespace, `import * as z from '@eshop/shared/zod'`: a namespace that is
// only read by property (`z.string()`) lets esbuild drop the rest of zod, whereas re-exporting it
// as one value (`export { z }`) would bundle all of it, every locale included (~430 KiB).
config(en());

export * from 'zod/mini';
