import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';

// Narrow aliases so the rest of src/ names the generated client in one place.
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
