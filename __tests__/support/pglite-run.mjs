// Runs SQL against PGlite (PostgreSQL in WebAssembly) in a plain Node process: PGlite loads its
// WebAssembly through a dynamic import, which jest's module sandbox does not allow.
// Input (stdin, JSON): { "steps": [{ "exec": "<sql>" } | { "query": "<sql>" }] }
// Output (stdout, JSON): { "results": [rows of each query, in order] } or { "error": "<message>" }
import { PGlite } from "@electric-sql/pglite";

const input = JSON.parse(
  await new Promise((resolve) => {
    let text = "";
    process.stdin.on("data", (chunk) => {
      text += chunk;
    });
    process.stdin.on("end", () => resolve(text));
  }),
);
const db = new PGlite();
const results = [];
try {
  for (const step of input.steps) {
    if (step.exec !== undefined) {
      await db.exec(step.exec);
    } else {
      results.push((await db.query(step.query)).rows);
    }
  }
  process.stdout.write(JSON.stringify({ results }));
} catch (error) {
  process.stdout.write(JSON.stringify({ error: String(error?.message ?? error) }));
} finally {
  await db.close();
}
