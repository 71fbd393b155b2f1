import { defineConfig } from 'prisma/config';

// Used only by `prisma generate` (postinstall). Migrations never go through the Prisma CLI: it would try to
// download a native schema engine; src/db/migrate.ts drives the WebAssembly engine instead (RECIPES.md).
export default defineConfig({
  schema: 'prisma/schema.prisma',
});
