import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

// The universal entry must load in browsers, so neither its sources nor its built bundle may
// import a Node module (`node:fs`, or `fs` once the bundler has dropped the prefix).
const packageDirectory = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const NODE_MODULES = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
const IMPORT_SPECIFIER =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importSpecifiers(code: string): string[] {
  return Array.from(code.matchAll(IMPORT_SPECIFIER), (match) => match[1] ?? match[2]);
}

/** Returns every file reachable from `entry` through relative imports, with the specifiers each imports. */
function importGraph(
  entry: string,
  resolveRelative: (from: string, specifier: string) => string,
): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (graph.has(file)) continue;
    const specifiers = importSpecifiers(readFileSync(file, 'utf8'));
    graph.set(file, specifiers);
    for (const specifier of specifiers) {
      if (specifier.startsWith('.')) pending.push(resolveRelative(file, specifier));
    }
  }
  return graph;
}

function nodeImports(graph: Map<string, string[]>): string[] {
  return [...graph].flatMap(([file, specifiers]) =>
    specifiers
      .filter((specifier) => NODE_MODULES.has(specifier))
      .map((specifier) => `${file} imports ${specifier}`),
  );
}

describe('universal entry', () => {
  it('imports no Node module in its sources', () => {
    const graph = importGraph(join(packageDirectory, 'src/index.ts'), (from, specifier) =>
      resolve(dirname(from), specifier.replace(/\.js$/, '.ts')),
    );

    expect(graph.size).toBeGreaterThan(10);
    expect(nodeImports(graph)).toEqual([]);
  });

  it('finds Node imports where they are', () => {
    const graph = importGraph(join(packageDirectory, 'src/node.ts'), (from, specifier) =>
      resolve(dirname(from), specifier.replace(/\.js$/, '.ts')),
    );

    expect(nodeImports(graph).length).toBeGreaterThan(5);
  });

  const bundle = join(packageDirectory, 'dist/index.js');
  it.skipIf(!existsSync(bundle))('imports no Node module in dist/index.js', () => {
    const graph = importGraph(bundle, (from, specifier) => resolve(dirname(from), specifier));

    expect(nodeImports(graph)).toEqual([]);
    expect([...graph.values()].flat().filter((specifier) => !specifier.startsWith('.'))).toEqual(
      [],
    );
    // The same scan does find the builtins that dist/node.js imports without their prefix.
    const nodeGraph = importGraph(join(packageDirectory, 'dist/node.js'), (from, specifier) =>
      resolve(dirname(from), specifier),
    );
    expect(nodeImports(nodeGraph)).toContain(
      `${join(packageDirectory, 'dist/node.js')} imports zlib`,
    );
  });
});
