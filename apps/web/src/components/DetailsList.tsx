import { type Address, formatCep } from '@cadastro/contracts';

/** `Avenida Paulista, 1578 – ap. 3, Bela Vista, São Paulo/SP, 01310-100` */
export function formatAddress(a: Omit<Address, 'complement'> & { complement?: string | null }): string {
  return `${a.street}, ${a.number}${a.complement ? ` – ${a.complement}` : ''}, ${a.district}, ${a.city}/${a.uf}, ${formatCep(a.cep)}`;
}

/** Label/value pairs of a record, read as a description list. */
export function DetailsList({ rows, testId }: { rows: Array<[string, string]>; testId?: string }) {
  return (
    <dl className="details" data-testid={testId}>
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
