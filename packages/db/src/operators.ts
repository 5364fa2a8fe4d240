import { v7 as uuidv7 } from 'uuid';
import { appliedIfCondition } from './condition-failure.ts';
import type { OperatorItem } from './entities/operator.ts';
import type { DbService } from './service.ts';

export function createOperatorRepository(db: DbService) {
  const { operator } = db.entities;

  return {
    async getById(operatorId: string): Promise<OperatorItem | null> {
      const { data } = await operator.get({ operatorId }).go();
      return data;
    },
    async getByEmail(email: string): Promise<OperatorItem | null> {
      const { data } = await operator.query.byEmail({ email: email.toLowerCase() }).go({ limit: 1 });
      return data[0] ?? null;
    },
    /** Whether any operator exists: the first start creates the first admin. */
    async any(): Promise<boolean> {
      const { data } = await operator.query.all({}).go({ limit: 1 });
      return data.length > 0;
    },
    /** Every operator (a company's staff: few), oldest first. */
    async list(): Promise<OperatorItem[]> {
      const { data } = await operator.query.all({}).go({ pages: 'all' });
      return data;
    },
    async create(
      input: Pick<OperatorItem, 'email' | 'name' | 'passwordHash'> &
        Partial<
          Pick<
            OperatorItem,
            'role' | 'status' | 'mustChangePassword' | 'setupTokenHash' | 'setupTokenExpiresAt'
          >
        >,
      now = new Date(),
    ) {
      const item = {
        operatorId: uuidv7({ msecs: now.getTime() }),
        role: 'admin' as const,
        status: 'active' as const,
        mustChangePassword: false,
        ...input,
        email: input.email.toLowerCase(),
        createdAt: now.toISOString(),
      };
      await operator.create(item).go();
      return item as OperatorItem;
    },
    /** Changes the given fields; `null` removes one (a used token, a discarded authenticator). */
    async update(operatorId: string, changes: OperatorChanges): Promise<void> {
      const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== null));
      const remove = Object.entries(changes)
        .filter(([, v]) => v === null)
        .map(([k]) => k) as Array<keyof OperatorItem>;
      let op = operator.patch({ operatorId }).set(set);
      if (remove.length) op = op.remove(remove as never);
      await op.go();
    },
    /** As `CustomerRepository.upgradePasswordHash`: today's hash of an unchanged password; false if it changed. */
    async upgradePasswordHash(operatorId: string, from: string, to: string): Promise<boolean> {
      return appliedIfCondition(
        operator
          .patch({ operatorId })
          .set({ passwordHash: to })
          .where(({ passwordHash }, { eq }) => eq(passwordHash, from))
          .go(),
      );
    },
    /**
     * Accepts a sign-in code's 30-second step only if it is later than the last one used: a conditional write,
     * so one code cannot sign in twice, even on two servers at once.
     */
    async useTotpStep(operatorId: string, step: number): Promise<boolean> {
      return appliedIfCondition(
        operator
          .patch({ operatorId })
          .set({ totpLastStep: step })
          .where(
            ({ totpLastStep }, { notExists, lt }) =>
              `${notExists(totpLastStep)} OR ${lt(totpLastStep, step)}`,
          )
          .go(),
      );
    },
  };
}
export type OperatorRepository = ReturnType<typeof createOperatorRepository>;

type Mutable = Omit<OperatorItem, 'operatorId' | 'createdAt'>;
export type OperatorChanges = { [K in keyof Mutable]?: Mutable[K] | null };
