/**
 * Who and what the seeded ledger is about (bench/ledger/seed.ts): apps with one or two tasks and English or Chinese
 * names, users with teams, and the deterministic random numbers the whole seed draws from (one sequence, so the same
 * plan gives the same data).
 */
export interface SeedApp {
  appId: string;
  appName: string;
  tasks: string[];
}

export interface SeedActor {
  id: string;
  name: string;
  email: string;
  teams: string[];
}

/** mulberry32: small, fast and good enough to spread test data. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const random = prng(20261130);
export const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
export const hex = (n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join("");
const id32 = () => Array.from({ length: 32 }, () => Math.floor(random() * 36).toString(36)).join("");
export const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;

/** Index sampling with Zipf-like weights (1/rank): a few apps and users do most of the work, as in real teams. */
export function zipf(n: number) {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) cumulative.push((sum += 1 / (i + 1)));
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const EN = ["orders", "payment-gateway", "inventory", "user-center", "search", "notification", "billing", "checkout", "catalog", "recommendation"];
const ZH = ["订单服务", "支付网关", "库存中心", "用户中心", "搜索服务", "消息通知", "账单服务", "结算中心", "商品目录", "推荐引擎"];
const VARIANTS = ["", "-prod", "-staging", "-canary", "-eu", "-cn-north", "-batch", "-worker", "-api", "-web", "-admin", "-sync"];
const FIRST = ["Ada", "Bob", "Chen", "Dana", "Eli", "Fang", "Grace", "Hao", "Ines", "Jun", "Kai", "Lina", "Ming", "Nora", "Omar"];
const LAST = ["Lovelace", "Smith", "Wang", "Li", "Zhang", "Garcia", "Novak", "Liu", "Okafor", "Sato"];
const TEAMS = ["ops", "payments", "platform", "search", "mobile", "data"];
export const AGENTS = [
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0",
];

export function makeApps(count: number): SeedApp[] {
  return Array.from({ length: count }, (_, i) => {
    const base = i % 2 === 0 ? EN[(i / 2) % EN.length] : ZH[((i - 1) / 2) % ZH.length];
    const variant = VARIANTS[Math.floor(i / (EN.length + ZH.length)) % VARIANTS.length];
    return { appId: hex(32), appName: `${base}${variant}`, tasks: Array.from({ length: i % 3 === 0 ? 2 : 1 }, id32) };
  });
}

export function makeActors(count: number): SeedActor[] {
  return Array.from({ length: count }, (_, i) => {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length] as string;
    const n = Math.floor(i / (FIRST.length * LAST.length));
    return { id: uuid(), name: `${first} ${last}`, email: `${first}.${last}${n || ""}@corp.example`.toLowerCase(), teams: [pick(TEAMS)] };
  });
}
