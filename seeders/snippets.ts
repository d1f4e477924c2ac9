/**
 * Small, real code snippets for the demo data. Each one carries a few of the problems the built-in
 * analyzer looks for (TODOs, console output, eval, loose equality, empty catch, hard-coded secrets,
 * nested loops, long lines, SQL built from strings, await in a loop...) so the seeded analyses have
 * findings worth looking at. A couple are clean, so some analyses score 100.
 *
 * The "secrets" below are obviously fake placeholders; they exist to be flagged.
 */

export interface SnippetTemplate {
  language: 'javascript' | 'typescript' | 'python';
  /** Candidate file names; the seeder picks one and may prefix a folder. */
  filenames: readonly string[];
  content: string;
}

export const SNIPPET_TEMPLATES: readonly SnippetTemplate[] = [
  {
    language: 'javascript',
    filenames: ['cart.js', 'checkout.js', 'basket.js'],
    content: `// Shopping cart helpers
// TODO: move tax rates into configuration
var TAX_RATE = 0.2;

function cartTotal(items) {
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    if (items[i].qty == 0) continue;
    total += items[i].price * items[i].qty;
  }
  console.log('cart total', total);
  return total * (1 + TAX_RATE);
}

function applyCoupon(total, coupon) {
  try {
    const rule = JSON.parse(coupon);
    return total - rule.amount;
  } catch (e) {}
  return total;
}

module.exports = { cartTotal, applyCoupon };
`,
  },
  {
    language: 'javascript',
    filenames: ['calculator.js', 'formula.js', 'expression.js'],
    content: `const readline = require('readline');

// FIXME: this trusts whatever the user types
function evaluate(expression) {
  return eval(expression);
}

const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
rl.question('Expression? ', (answer) => {
  const result = evaluate(answer);
  if (result != null) console.log('=', result);
  rl.close();
});
`,
  },
  {
    language: 'typescript',
    filenames: ['db.ts', 'repository.ts', 'users.repo.ts'],
    content: `import { Client } from 'pg';

const dbPassword = 'hunter2-please-change';

export async function findUserByName(client: Client, name: string) {
  // TODO: paginate
  const result = await client.query("SELECT id, email FROM users WHERE name = '" + name + "'");
  return result.rows;
}

export async function connect(): Promise<Client> {
  const client = new Client({ host: 'localhost', user: 'app', password: dbPassword, database: 'app' });
  await client.connect();
  return client;
}
`,
  },
  {
    language: 'typescript',
    filenames: ['sync.ts', 'import-orders.ts', 'batch.ts'],
    content: `interface Order { id: string; customerId: string; lines: Array<{ sku: string; qty: number }> }

export async function syncOrders(orders: Order[], send: (o: Order) => Promise<void>): Promise<number> {
  let sent = 0;
  for (const order of orders) {
    await send(order);
    sent++;
  }
  return sent;
}

export function duplicateSkus(orders: Order[]): string[] {
  const dupes: string[] = [];
  for (const a of orders) {
    for (const b of orders) {
      if (a.id === b.id) continue;
      for (const line of a.lines) {
        if (b.lines.some((l) => l.sku === line.sku)) dupes.push(line.sku);
      }
    }
  }
  return dupes;
}
`,
  },
  {
    language: 'typescript',
    filenames: ['format.ts', 'strings.ts', 'slug.ts'],
    content: `/** Turns a title into a URL slug. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\\u0300-\\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, Math.max(0, max - 1)) + '…';
}
`,
  },
  {
    language: 'python',
    filenames: ['report.py', 'export.py', 'stats.py'],
    content: `import csv

API_KEY = "sk_live_0000000000000000demo"


def load_rows(path, seen=[]):
    rows = []
    with open(path) as handle:
        for row in csv.DictReader(handle):
            if row["id"] in seen:
                continue
            seen.append(row["id"])
            rows.append(row)
    print("loaded", len(rows))
    return rows


def safe_int(value):
    try:
        return int(value)
    except:
        pass
`,
  },
  {
    language: 'python',
    filenames: ['matrix.py', 'similarity.py', 'pairs.py'],
    content: `# TODO: replace with numpy once the dependency is approved
def closest_pairs(points):
    best = None
    for a in points:
        for b in points:
            if a is b:
                continue
            d = (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2
            if best is None or d < best[0]:
                best = (d, a, b)
    return best


def run(expression):
    return eval(expression)
`,
  },
  {
    language: 'python',
    filenames: ['users.py', 'queries.py', 'accounts.py'],
    content: `import sqlite3


def find_user(conn: sqlite3.Connection, email: str):
    cursor = conn.cursor()
    cursor.execute("SELECT id, name FROM users WHERE email = '%s'" % email)
    return cursor.fetchone()


def find_user_safe(conn: sqlite3.Connection, email: str):
    cursor = conn.cursor()
    cursor.execute("SELECT id, name FROM users WHERE email = ?", (email,))
    return cursor.fetchone()
`,
  },
  {
    language: 'javascript',
    filenames: ['server.js', 'app.js', 'index.js'],
    content: `const express = require('express');
const app = express();

const config = { port: 8080, secret: 'keyboard-cat-do-not-ship', allowedOrigins: ['https://example.com', 'https://www.example.com', 'https://admin.example.com'] };

app.get('/health', (req, res) => {
  if (req.query.verbose == 'true') {
    console.log('health check from', req.ip);
  }
  res.json({ ok: true });
});

app.listen(config.port, () => console.log('listening on ' + config.port));
`,
  },
  {
    language: 'python',
    filenames: ['retry.py', 'backoff.py', 'util.py'],
    content: `import time


def retry(fn, attempts=3, delay=0.5):
    """Calls fn until it succeeds or the attempts run out."""
    last_error = None
    for attempt in range(attempts):
        try:
            return fn()
        except (IOError, TimeoutError) as error:
            last_error = error
            time.sleep(delay * (2 ** attempt))
    raise last_error
`,
  },
  {
    language: 'javascript',
    filenames: ['debounce.js', 'timing.js', 'throttle.js'],
    content: `// NOTE: keep in sync with the copy in the mobile app
export function debounce(fn, wait) {
  let timer;
  return function (...args) {
    clearTimeout(timer);
    timer = setTimeout(() => fn.apply(this, args), wait);
  };
}

export function waitFor(check, timeout) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const tick = () => {
      if (check()) return resolve(true);
      if (Date.now() - started > timeout) return reject(new Error('timed out waiting for the condition to become true after ' + timeout + ' milliseconds'));
      setTimeout(tick, 50);
    };
    tick();
  });
}
`,
  },
];
