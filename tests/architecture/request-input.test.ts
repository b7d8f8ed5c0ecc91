import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Routes read what people send only through ~/utils/read-form.server (readForm,
// readQuery) or the media module's readFormData, which refuse what is not a form
// with a 4xx and remove control characters. Reading the request directly is how
// a NUL byte or a JSON body once became a 500.
const routesDir = path.resolve(import.meta.dirname, "../../app/routes");
const direct = /request\.(formData|json|text|arrayBuffer|blob)\(\)|new URL\(request\.url\)\.searchParams/;

describe("routes read input only through readForm / readQuery", () => {
  it("no route reads the request body or query string directly", () => {
    const offenders = readdirSync(routesDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !entry.name.includes(".test."))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => direct.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(routesDir, file));
    expect(offenders).toEqual([]);
  });

  it("nor does a module that is handed the request (the open data API, reports, the activity picker)", () => {
    const modulesDir = path.resolve(import.meta.dirname, "../../app/modules");
    const offenders = readdirSync(modulesDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !entry.name.includes(".test."))
      .map((entry) => path.join(entry.parentPath, entry.name))
      .filter((file) => /new URL\(request\.url\)\.searchParams|request\.(formData|json)\(\)/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(modulesDir, file));
    expect(offenders).toEqual([]);
  });
});
