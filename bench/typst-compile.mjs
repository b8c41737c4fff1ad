#!/usr/bin/env node
// typst-compile.mjs compiles typst documents to PDF with the npm package
// @myriaddreamin/typst-ts-node-compiler, for bench/peers.sh.
//
// One compiler is created and reused for every document given, which is
// how a long-running service would use typst: the fonts are loaded once,
// and typst's memoization carries over from one document to the next. So
// timing this script on one file measures a cold start (Node, the addon,
// the fonts), and on all 48 files the whole matrix in one process.
//
// Usage:
//
//	node bench/typst-compile.mjs --fonts DIR --out DIR FILE.typ...
//	node bench/typst-compile.mjs --version
//
// Each FILE.typ becomes OUT/FILE.pdf. The fonts are only those in --fonts
// (the compiler's embedded default fonts are not asked for by the
// documents, which name their families). Exits 1 on the first error.
//
// NODE_PATH or a node_modules beside this script must hold the package;
// peers.sh installs it into its own cache folder and sets NODE_PATH.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { basename, dirname, resolve, join } from "node:path";

// createRequire honours NODE_PATH, which ES module imports do not.
const require = createRequire(import.meta.url);

function usage(msg) {
  process.stderr.write(`typst-compile: ${msg}\nusage: node typst-compile.mjs --fonts DIR --out DIR FILE.typ...\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let fonts = null;
let out = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === "--version") {
    // The package's version is typst.ts's; the typst inside it says its
    // own through sys.version.
    const pkg = require("@myriaddreamin/typst-ts-node-compiler/package.json");
    const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
    const c = NodeCompiler.create({});
    const r = c.compile({ mainFileContent: "#metadata(str(sys.version)) <v>" });
    const v = r.result ? c.query(r.result, { selector: "<v>", field: "value" }) : ["?"];
    console.log(`typst ${v[0]} (${pkg.name} ${pkg.version})`);
    process.exit(0);
  } else if (a === "--fonts") {
    fonts = args[++i];
  } else if (a === "--out") {
    out = args[++i];
  } else if (a.startsWith("--")) {
    usage(`unknown flag ${a}`);
  } else {
    files.push(a);
  }
}
if (!fonts || !out || files.length === 0) usage("need --fonts, --out and at least one file");

const { NodeCompiler } = require("@myriaddreamin/typst-ts-node-compiler");
mkdirSync(out, { recursive: true });
// The workspace is the documents' folder, so that paths inside them
// (none today) would resolve as the typst CLI resolves them.
const compiler = NodeCompiler.create({
  workspace: resolve(dirname(files[0])),
  fontArgs: [{ fontPaths: [resolve(fonts)] }],
});
for (const f of files) {
  const doc = compiler.compile({ mainFileContent: readFileSync(f, "utf8") });
  if (doc.hasError() || !doc.result) {
    process.stderr.write(`typst-compile: ${f}: typst reported errors:\n`);
    doc.printErrors();
    process.exit(1);
  }
  const pdf = compiler.pdf(doc.result, { creationTimestamp: 946684800 });
  writeFileSync(join(out, basename(f).replace(/\.typ$/, "") + ".pdf"), pdf);
}
