// The warning, error and info annotations of a synthesized cdktf app, printed
// the way the cdktf CLI shows them (used by scripts/synth.js; tested in
// test/scripts/annotations.test.ts).
"use strict";

/** @type {Record<string, string | undefined>} */
const LEVELS = { "@cdktf/error": "ERROR", "@cdktf/warn": "WARNING", "@cdktf/info": "INFO" };

/** @typedef {{ level: string, path: string, message: string }} Annotation */

/**
 * Every annotation in the tree of `scope`, in tree order.
 * @param {import("constructs").IConstruct} scope
 * @returns {Annotation[]}
 */
function collectAnnotations(scope) {
  return scope.node.findAll().flatMap((c) =>
    c.node.metadata.flatMap((m) => {
      const level = LEVELS[m.type];
      return level === undefined ? [] : [{ level, path: c.node.path, message: String(m.data) }];
    }),
  );
}

/**
 * Prints the annotations (errors to stderr, the rest to stdout) and a count.
 * @param {import("constructs").IConstruct} scope
 * @param {{ log: (s: string) => void, warn: (s: string) => void, error: (s: string) => void }} [out]
 * @returns {number} the number of errors
 */
function printAnnotations(scope, out = console) {
  const annotations = collectAnnotations(scope);
  for (const a of annotations) {
    (a.level === "ERROR" ? out.error : out.warn)(`[${a.level}] ${a.path}: ${a.message}`);
  }
  const errors = annotations.filter((a) => a.level === "ERROR").length;
  const warnings = annotations.filter((a) => a.level === "WARNING").length;
  out.log(`${errors} error(s), ${warnings} warning(s)`);
  return errors;
}

module.exports = { collectAnnotations, printAnnotations };
