import type { Model, ModelStatic, Transaction } from 'sequelize';
import { AppError } from '../../http/errors';

/**
 * Loads a row only if it belongs to the owner. Someone else's id answers 404, exactly like a missing one,
 * so ids of other customers cannot be probed.
 */
export async function findOwned<M extends Model & { ownerId: string }>(
  model: ModelStatic<M>,
  id: string,
  ownerId: string,
  what: string,
  opts: { transaction?: Transaction; lock?: boolean } = {},
): Promise<M> {
  const row = await model.findOne({
    where: { id, ownerId } as never,
    transaction: opts.transaction,
    ...(opts.lock && opts.transaction ? { lock: opts.transaction.LOCK.UPDATE } : {}),
  });
  if (!row) throw AppError.notFound(what);
  return row;
}
