import { v7 as uuidv7 } from 'uuid';
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
    async create(input: { email: string; name: string; passwordHash: string }, now = new Date()) {
      const item = {
        operatorId: uuidv7({ msecs: now.getTime() }),
        email: input.email.toLowerCase(),
        name: input.name,
        passwordHash: input.passwordHash,
        status: 'active' as const,
        createdAt: now.toISOString(),
      };
      await operator.create(item).go();
      return item as OperatorItem;
    },
  };
}
export type OperatorRepository = ReturnType<typeof createOperatorRepository>;
