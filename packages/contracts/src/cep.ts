/** CEP (Código de Endereçamento Postal): 8 digits, written `01310-100`. */

export function normalizeCep(input: string): string {
  return input.replace(/[.\-\s]/g, '');
}

export function formatCep(input: string): string {
  const d = input.replace(/\D/g, '').slice(0, 8);
  return d.length > 5 ? `${d.slice(0, 5)}-${d.slice(5)}` : d;
}

export const UFS = [
  'AC',
  'AL',
  'AP',
  'AM',
  'BA',
  'CE',
  'DF',
  'ES',
  'GO',
  'MA',
  'MT',
  'MS',
  'MG',
  'PA',
  'PB',
  'PR',
  'PE',
  'PI',
  'RJ',
  'RN',
  'RS',
  'RO',
  'RR',
  'SC',
  'SP',
  'SE',
  'TO',
] as const;
export type Uf = (typeof UFS)[number];

/**
 * The CEP ranges of each state, as the Correios publish them (first and last 5-digit prefix, inclusive). A CEP
 * outside its state's ranges is a typing mistake, or the wrong state chosen.
 */
export const CEP_RANGES: Record<Uf, ReadonlyArray<readonly [number, number]>> = {
  SP: [[1000, 19999]],
  RJ: [[20000, 28999]],
  ES: [[29000, 29999]],
  MG: [[30000, 39999]],
  BA: [[40000, 48999]],
  SE: [[49000, 49999]],
  PE: [[50000, 56999]],
  AL: [[57000, 57999]],
  PB: [[58000, 58999]],
  RN: [[59000, 59999]],
  CE: [[60000, 63999]],
  PI: [[64000, 64999]],
  MA: [[65000, 65999]],
  PA: [[66000, 68899]],
  AP: [[68900, 68999]],
  AM: [
    [69000, 69299],
    [69400, 69899],
  ],
  RR: [[69300, 69399]],
  AC: [[69900, 69999]],
  DF: [
    [70000, 72799],
    [73000, 73699],
  ],
  GO: [
    [72800, 72999],
    [73700, 76799],
  ],
  RO: [[76800, 76999]],
  TO: [[77000, 77999]],
  MT: [[78000, 78899]],
  MS: [[79000, 79999]],
  PR: [[80000, 87999]],
  SC: [[88000, 89999]],
  RS: [[90000, 99999]],
};

/** Whether an 8-digit CEP lies in the ranges of `uf`. */
export function cepMatchesUf(cep: string, uf: Uf): boolean {
  const prefix = Number(normalizeCep(cep).slice(0, 5));
  return CEP_RANGES[uf].some(([first, last]) => prefix >= first && prefix <= last);
}
