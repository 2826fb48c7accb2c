// Lint with type information: the typed rules catch floating promises,
// unsafe `any` flows and misused tokens that the swc-based jest run does not.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // src/providers/ is generated (npm run generate:providers) and never edited; .gen/ is `cdktf get` output.
  { ignores: ["lib/", "dist/", "node_modules/", "**/cdktf.out/", "coverage/", ".e2e/", "**/*.d.ts", ".stryker-tmp/", "reports/", "src/providers/", ".gen/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: "./tsconfig.dev.json", tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/explicit-module-boundary-types": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
    },
  },
  {
    // Tests assert on parsed Terraform JSON, which is `any` by nature.
    files: ["test/**/*.ts", "e2e/**/*.ts", "bench/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // The review CLI reads synthesized JSON only: it must run without cdktf
    // (a CI step reviewing a checked-out cdktf.out) and never construct stacks.
    files: ["src/review/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["cdktf", "cdktf/*", "constructs", "@cdktf/*"], message: "src/review/ must not load cdktf, constructs or the providers: it reads synthesized JSON." }] },
      ],
    },
  },
  {
    // The provider-version rules are shared with the review (src/review/), the
    // generator and the schema extraction: they must not load cdktf either.
    files: ["src/private/provider-versions.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration, TSImportEqualsDeclaration, ExportAllDeclaration, CallExpression[callee.name='require']",
          message: "src/private/provider-versions.ts imports nothing: the review, which must not load cdktf, and the build scripts use it.",
        },
      ],
    },
  },
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["**/*.js"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", process: "readonly", console: "readonly", __dirname: "readonly", exports: "writable" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
