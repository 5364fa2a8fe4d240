import { type CepLookupResult, UFS, type Uf } from '@cadastro/contracts';

export interface CepLookupSettings {
  /** A ViaCEP-compatible address with `{cep}` where the 8 digits go, e.g. `https://viacep.com.br/ws/{cep}/json/`. */
  urlTemplate: string;
  /** Longer than this and the form goes on without it. */
  timeoutMs: number;
}

/** ViaCEP's answer (`erro: true` when the CEP does not exist). */
interface ViaCepAnswer {
  logradouro?: unknown;
  bairro?: unknown;
  localidade?: unknown;
  uf?: unknown;
  erro?: unknown;
}

const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/**
 * Fills an address from its CEP through a ViaCEP-compatible service. Any failure (timeout, error status,
 * malformed answer) is "not found": the customer types the address as without the lookup.
 */
export function createCepLookup(settings: CepLookupSettings) {
  return async function lookup(cep: string): Promise<CepLookupResult> {
    try {
      const res = await fetch(settings.urlTemplate.replace('{cep}', cep), {
        signal: AbortSignal.timeout(settings.timeoutMs),
        headers: { accept: 'application/json' },
      });
      if (!res.ok) return { found: false };
      const body = (await res.json()) as ViaCepAnswer;
      const uf = text(body.uf).toUpperCase();
      if (body.erro || !UFS.includes(uf as Uf)) return { found: false };
      return {
        found: true,
        address: {
          street: text(body.logradouro),
          district: text(body.bairro),
          city: text(body.localidade),
          uf: uf as Uf,
        },
      };
    } catch {
      return { found: false };
    }
  };
}
export type CepLookup = ReturnType<typeof createCepLookup>;
