/**
 * The compiled package (lib/), loaded as users load it: the construct and the
 * provider bindings it ships (`okta`, `cloudflare`, lazy per class).
 */
import { createRequire } from "node:module";

type Library = typeof import("../../src");

const libPath = process.env.BENCH_LIB;
if (!libPath) throw new Error("BENCH_LIB must be the path of the compiled package's lib/index.js");

export const lib = createRequire(__filename)(libPath) as Library;
