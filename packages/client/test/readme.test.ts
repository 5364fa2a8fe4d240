import { readFileSync } from 'node:fs';
import { API_KEY_SCOPES } from '@cadastro/contracts';
import { appRouter } from '@cadastro/server';
import type { AnyProcedure } from '@trpc/server';
import { describe, expect, it } from 'vitest';

/** How the client calls a procedure of each kind. */
const CALL = { query: 'query', mutation: 'mutate', subscription: 'subscribe' } as const;

/** The README's scope table as the server's procedure metadata says it must read: one row of cells per scope. */
function scopeRows(): string[][] {
  const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);
  return API_KEY_SCOPES.map((scope) => {
    const paths = procedures
      .filter(([, procedure]) => (procedure._def.meta as { scope?: string } | undefined)?.scope === scope)
      .map(([path, procedure]) => `\`${path}.${CALL[procedure._def.type]}\``)
      .sort();
    return [`\`${scope}\``, paths.join(', ')];
  });
}

/** A Markdown table's cells, whatever its padding (Biome aligns the columns), without header and rule. */
const cellsOf = (table: string) =>
  table
    .trim()
    .split('\n')
    .slice(2)
    .map((row) =>
      row
        .replace(/^\|\s*|\s*\|$/g, '')
        .split(/\s*\|\s*/)
        .map((cell) => cell.trim()),
    );

describe('README', () => {
  it('lists, for each scope, exactly the procedures the server opens to it', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.match(/<!-- scopes:start[^>]*-->\n([\s\S]*?)\n<!-- scopes:end -->/);
    expect(section, 'README.md lost its scopes:start/scopes:end markers').not.toBeNull();
    expect(cellsOf(section![1]!), 'the rows README.md must show').toEqual(scopeRows());
  });
});
