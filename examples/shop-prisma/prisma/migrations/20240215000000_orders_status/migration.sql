-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('pending', 'paid', 'shipped');

-- AlterTable: a NOT NULL column without a default, on a table that already has rows
ALTER TABLE "orders" ADD COLUMN "status" "OrderStatus" NOT NULL;

-- CreateIndex: blocks writes to orders while it builds
CREATE INDEX "orders_customerId_idx" ON "orders"("customerId");

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AlterTable: carts was dropped by the first migration
ALTER TABLE "carts" ADD COLUMN "expiresAt" TIMESTAMP(3);
