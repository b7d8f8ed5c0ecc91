import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// DESIGN.md's one-way dependencies, checked from the source text so a new import
// that breaks them fails here rather than in review:
//   routes → modules → (search, db); modules call each other but never in a cycle;
//   db/ and search/ import nothing from app/.

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");
const modulesDir = path.join(appDir, "modules");
const routesDir = path.join(appDir, "routes");

// Mirrors the "paths" in tsconfig.json.
const aliases: Array<[prefix: string, target: string]> = [
  ["~/", appDir],
  ["#db/", path.join(root, "db")],
  ["#search/", path.join(root, "search")],
];

type Import = { from: string; specifier: string; target: string };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).includes("node_modules"));
}

// Every module specifier in a file: static imports and re-exports (type-only
// ones too, since they still tie one module's design to another's), dynamic
// import() and `import("x").T` type references.
function specifiersOf(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      found.push(node.arguments[0].text);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

// The absolute path a specifier points at (without extension), or null for packages.
function resolveSpecifier(from: string, specifier: string): string | null {
  if (specifier.startsWith(".")) return path.resolve(path.dirname(from), specifier);
  for (const [prefix, target] of aliases) {
    if (specifier.startsWith(prefix)) return path.join(target, specifier.slice(prefix.length));
  }
  return null;
}

function importsUnder(dir: string): Import[] {
  return sourceFiles(dir).flatMap((from) =>
    specifiersOf(from).flatMap((specifier) => {
      const target = resolveSpecifier(from, specifier);
      return target ? [{ from, specifier, target }] : [];
    }),
  );
}

const isInside = (dir: string, file: string) => file === dir || file.startsWith(dir + path.sep);
const relative = (file: string) => path.relative(root, file).split(path.sep).join("/");

// app/modules/<name>/… → <name>; a file sitting directly in app/modules is its own module.
function moduleOf(file: string): string | null {
  if (!isInside(modulesDir, file)) return null;
  const [first] = path.relative(modulesDir, file).split(path.sep);
  return first.replace(/\.(server\.)?tsx?$/, "");
}

type Graph = Map<string, Map<string, Import[]>>;

function moduleGraph(): Graph {
  const graph: Graph = new Map();
  for (const entry of readdirSync(modulesDir, { withFileTypes: true })) {
    if (entry.isDirectory()) graph.set(entry.name, new Map());
  }
  for (const edge of importsUnder(modulesDir)) {
    const from = moduleOf(edge.from);
    const to = moduleOf(edge.target);
    if (!from || !to || from === to) continue;
    const edges = graph.get(from) ?? graph.set(from, new Map()).get(from)!;
    edges.set(to, [...(edges.get(to) ?? []), edge]);
  }
  return graph;
}

// Tarjan's strongly connected components: every component of more than one
// module contains at least one cycle.
function cyclicComponents(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];

  const connect = (node: string) => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };

  for (const node of [...graph.keys()].sort()) if (!index.has(node)) connect(node);
  return components;
}

// One shortest cycle through `start` within its component, for a readable message.
function cycleThrough(graph: Graph, component: string[], start: string): string[] {
  const members = new Set(component);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const next of graph.get(node)?.keys() ?? []) {
      if (!members.has(next)) continue;
      if (next === start) {
        const cycle = [node];
        while (cycle[0] !== start) cycle.unshift(previous.get(cycle[0])!);
        return [...cycle, start];
      }
      if (!previous.has(next)) {
        previous.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

function describeCycles(graph: Graph): string[] {
  return cyclicComponents(graph).map((component) => {
    const cycle = cycleThrough(graph, component, component[0]);
    const edges = component.flatMap((from) =>
      [...(graph.get(from) ?? new Map<string, Import[]>()).entries()]
        .filter(([to]) => component.includes(to))
        .map(([to, imports]) => `    ${from} → ${to}: ${[...new Set(imports.map((i) => `${relative(i.from)} imports "${i.specifier}"`))].join("; ")}`),
    );
    return [`  ${cycle.join(" → ")}  (component: ${component.join(", ")})`, ...edges].join("\n");
  });
}

describe("module dependencies (DESIGN.md: one-way)", () => {
  it("the modules under app/modules never form a cycle", () => {
    const graph = moduleGraph();
    // Guards against a broken scan passing vacuously.
    expect(graph.get("referrals")?.size).toBeGreaterThan(0);
    const cycles = describeCycles(graph);
    expect(cycles, `Module cycles found:\n${cycles.join("\n")}`).toEqual([]);
  });

  it("app/modules never imports from app/routes", () => {
    const offending = importsUnder(modulesDir)
      .filter((edge) => isInside(routesDir, edge.target))
      .map((edge) => `${relative(edge.from)} imports "${edge.specifier}"`);
    expect(offending).toEqual([]);
  });

  // Each module's public face is its index.server.ts (and index.ts for what the
  // browser may use too); a module's other files are its own business.
  it("code outside a module imports only its public face, and a module never imports its own face", () => {
    const isFace = (file: string) => /^index(\.server)?(\.tsx?)?$/.test(path.basename(file)) && path.dirname(path.dirname(file)) === modulesDir;
    const offending = ["app", "tests", "scripts"]
      .flatMap((dir) => importsUnder(path.join(root, dir)))
      .filter((edge) => {
        const to = moduleOf(edge.target);
        if (!to || path.dirname(edge.target) === modulesDir) return false;
        const from = moduleOf(edge.from);
        if (from === to) return isFace(edge.target) && !isFace(edge.from);
        return !isFace(edge.target);
      })
      .map((edge) => `${relative(edge.from)} imports "${edge.specifier}"`);
    expect(offending).toEqual([]);
  });

  it.each(["db", "search"])("%s/ never imports from app/", (dir) => {
    const offending = importsUnder(path.join(root, dir))
      .filter((edge) => isInside(appDir, edge.target))
      .map((edge) => `${relative(edge.from)} imports "${edge.specifier}"`);
    expect(offending).toEqual([]);
  });
});
