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
    files: ["app/**/*.tsx", "app/**/*.ts"],
    ignores: ["app/**/*.server.ts", "app/**/*.test.ts", "app/**/*.test.tsx"],
    rules: { "no-restricted-imports": ["error", serverOnly] },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "warn" },
  },
);
