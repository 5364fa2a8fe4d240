/**
 * Whether a write failed on its condition: the SDK's `ConditionalCheckFailedException`, as thrown by the client
 * or wrapped by ElectroDB (as its `cause`, or in its message).
 */
export function isConditionFailure(error: unknown): boolean {
  const e = error as { name?: string; message?: string; cause?: { name?: string } };
  return (
    e.name === 'ConditionalCheckFailedException' ||
    e.cause?.name === 'ConditionalCheckFailedException' ||
    /conditional request failed/i.test(e.message ?? '')
  );
}

/** Runs a conditional write: true when it was applied, false when its condition did not hold; other errors throw. */
export async function appliedIfCondition(write: Promise<unknown>): Promise<boolean> {
  try {
    await write;
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}
