import { readdirSync } from "node:fs";
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Browser code must never import the database or the search backends:
// only *.server.ts files (and scripts/tests) may.
const serverOnly = {
  patterns: [
    { regex: "^#db(/|$)|^#search(/|$)|(^|/)db/(client|schema|migrate)|(^|/)search/", message: "db/ and search/ may only be imported from *.server.ts files, so they never reach the browser bundle.", allowTypeImports: true },
  ],
};

// Each module in app/modules has a public face (index.server.ts, and index.ts for
// what the browser may use too). Code outside a module imports only that; a
// module's own files import each other freely, but never their own face (a cycle).
const modules = readdirSync(new URL("./app/modules", import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const faceMessage = "Import another module through its public face: ~/modules/<name> (index.ts) or ~/modules/<name>/index.server.";
const deepImports = [
  { regex: "(^~|(^|/)app)/modules/[^/]+/(?!index(\\.server)?$)", message: faceMessage },
];
const deepImportsFrom = (name) => [
  { regex: `^~/modules/(?!${name}/)[^/]+/(?!index(\\.server)?$)`, message: faceMessage },
  { regex: "^\\.\\./(?!\\.)[^/]+/(?!index(\\.server)?$)", message: faceMessage },
  { regex: `^(~/modules/${name}(/index(\\.server)?)?|\\./index(\\.server)?)$`, message: "A module's own files import each other directly, not through the module's public face." },
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "data/**", "tests/.tmp/**", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "tests/**/*.ts", "scripts/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: deepImports }] },
  },
  {
    files: ["app/**/*.tsx", "app/**/*.ts"],
    ignores: ["app/**/*.server.ts", "app/**/*.test.ts", "app/**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: [...deepImports, ...serverOnly.patterns] }] },
  },
  // Later blocks replace the rule's options for the files they match, so each carries the whole list.
  ...modules.flatMap((name) => [
    {
      files: [`app/modules/${name}/**/*.ts`, `app/modules/${name}/**/*.tsx`],
      ignores: [`app/modules/${name}/index.ts`, `app/modules/${name}/index.server.ts`],
      rules: { "no-restricted-imports": ["error", { patterns: deepImportsFrom(name) }] },
    },
    {
      files: [`app/modules/${name}/**/*.ts`, `app/modules/${name}/**/*.tsx`],
      ignores: ["app/**/*.server.ts", "app/**/*.test.ts", "app/**/*.test.tsx", `app/modules/${name}/index.ts`],
      rules: { "no-restricted-imports": ["error", { patterns: [...deepImportsFrom(name), ...serverOnly.patterns] }] },
    },
  ]),
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
);
