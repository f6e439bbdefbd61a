import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Debian's PostgreSQL server in a temporary cluster on a free loopback port, for what PGlite
 * cannot stand in for (`verify --database-url`). As root, the cluster runs as the `postgres` user.
 */
export class PostgresServer {
  private constructor(
    private readonly process: ChildProcess,
    private readonly folder: string,
    readonly port: number,
    private readonly pgCtlStop: () => void,
  ) {}

  url(database = "postgres"): string {
    return `postgresql://postgres@127.0.0.1:${this.port}/${database}`;
  }

  static binaries(): string | undefined {
    const root = "/usr/lib/postgresql";
    const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
    return versions.map((v) => path.join(root, v, "bin")).find((bin) => fs.existsSync(path.join(bin, "postgres")));
  }

  static async start(): Promise<PostgresServer> {
    const bin = PostgresServer.binaries();
    if (!bin) throw new Error("Debian's postgresql package is not installed (scripts/system-tools.mjs installs it)");
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-postgres-"));
    const data = path.join(folder, "data");
    const root = process.getuid?.() === 0;
    if (root) spawnSync("chown", ["-R", "postgres", folder]);
    const as = (command: string, args: string[]): [string, string[]] => (root ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args]);
    const [initdb, initArgs] = as(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync"]);
    const init = spawnSync(initdb, initArgs, { encoding: "utf8" });
    if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
    const port = await freePort();
    const [postgres, args] = as(path.join(bin, "postgres"), ["-D", data, "-p", String(port), "-k", folder, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"]);
    const child = spawn(postgres, args, { stdio: ["ignore", "ignore", "pipe"] });
    // Ready when the server says so on its log, not after a guessed delay.
    await new Promise<void>((resolve, reject) => {
      let log = "";
      child.stderr?.on("data", (chunk: Buffer) => {
        log += chunk.toString();
        if (log.includes("ready to accept connections")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`postgres exited with ${code}: ${log}`)));
    });
    // runuser does not pass a signal on to the server: pg_ctl stops it.
    const [pgCtl, stopArgs] = as(path.join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "immediate"]);
    return new PostgresServer(child, folder, port, () => void spawnSync(pgCtl, stopArgs, { stdio: "ignore" }));
  }

  async stop(): Promise<void> {
    if (this.process.exitCode === null) {
      const exited = new Promise((resolve) => this.process.once("exit", resolve));
      this.pgCtlStop();
      await exited;
    }
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
