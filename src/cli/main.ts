// `sunlight <command>` — serve, migrate, seed, user create, calendar import/add-workdays/add-days.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import cluster from 'node:cluster';
import { openDatabase, type Database } from '../store/db.ts';
import { acquireDataDirLock, lockHolder } from '../store/data-dir-lock.ts';
import { createApp, databaseOptionsFromEnv, prepareDatabase } from '../app.ts';
import { hasRealUsers, DEMO_PASSWORD } from '../access/demo-city.ts';
import { seedDemo, seedDemoHistory } from '../demo.ts';
import { startCaseScheduler } from '../cases/auto-accept.ts';
import { startTimerLoop } from '../supervision/loop.ts';
import { createStaffUser } from '../access/users.ts';
import { SYSTEM_ACTOR } from '../access/system-actor.ts';
import { WorkCalendar, isIsoDate } from '../domain/calendar.ts';
import { verifyAllChains } from '../store/event-chain.ts';
import { importDays, loadCalendar, parseCalendarImport, onCalendarChange } from '../calendar/service.ts';

const USAGE = `用法 / usage: sunlight <command>
  serve                              启动服务（PORT、HOST、DATA_DIR、DATABASE_URL；WORKERS=n 多进程，仅 PostgreSQL）
  migrate                            执行数据库迁移
  seed                               写入演示城市（仅限没有真实用户的数据库）
  bench [name]                       性能基准（BENCH_DATABASE_URL 设置时也测 PostgreSQL）
  verify                             重算全部事件哈希链，报告第一处断裂（有断裂时退出码 1）
  user create --username U --name N --unit UNIT_ID [--role r1,r2] [--password P]
  calendar import <file>             导入节假日/调休（CSV: YYYY-MM-DD,holiday|workday,名称 或 JSON）
  calendar add-workdays <YYYY-MM-DD> <n>   输出 n 个工作日后的日期
  calendar add-days <YYYY-MM-DD> <n>       输出 n 个自然日后的日期（末日节假日顺延）`;

interface Opened {
  database: Database;
  release: () => void;
}

async function open(): Promise<Opened> {
  const opts = databaseOptionsFromEnv();
  const release = opts.dataDir ? acquireDataDirLock(opts.dataDir) : () => {};
  try {
    const database = await openDatabase(opts);
    await prepareDatabase(database);
    return { database, release };
  } catch (e) {
    release();
    throw e;
  }
}

const snapshotFile = (dataDir: string) => join(dataDir, 'calendar-snapshot.json');

async function withDb<T>(fn: (d: Database) => Promise<T>): Promise<T> {
  const { database, release } = await open();
  try {
    return await fn(database);
  } finally {
    await database.close();
    release();
  }
}

/** The calendar for the compute commands; when a server holds the PGlite directory, its snapshot. */
async function calendarForCli(): Promise<WorkCalendar> {
  const opts = databaseOptionsFromEnv();
  if (opts.dataDir && lockHolder(opts.dataDir)) {
    const f = snapshotFile(opts.dataDir);
    if (!existsSync(f)) throw new Error('服务器正在使用数据目录，且没有日历快照');
    return new WorkCalendar(JSON.parse(readFileSync(f, 'utf8')));
  }
  return withDb((d) => loadCalendar(d.db));
}

/** WORKERS: server processes sharing the port (1 unless set). */
function workerCount(): number {
  const raw = process.env.WORKERS?.trim() || '1';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new Error(`WORKERS 应为 1 到 64 的整数，而不是「${raw}」`);
  if (n > 1 && !process.env.DATABASE_URL) throw new Error('WORKERS 大于 1 需要 PostgreSQL（DATABASE_URL）：PGlite 数据目录只能由一个进程打开');
  return n;
}

/**
 * WORKERS=n on PostgreSQL: n server processes share the port (node:cluster), each with its own
 * pool, timer loop (claims are FOR UPDATE SKIP LOCKED) and live listeners (LISTEN/NOTIFY); the
 * caches check the database's versions, so a change made through one is seen by all. This
 * process migrates the database once, then forks the workers and replaces one that dies; on
 * SIGTERM/SIGINT each worker finishes its in-flight requests and this one exits when all have.
 */
async function servePrimary(n: number): Promise<void> {
  await withDb(async () => {});
  let closing = false;
  let live = 0;
  const started = new Map<number, number>();
  const spawnWorker = () => {
    live++;
    started.set(cluster.fork().id, Date.now());
  };
  const stopAll = () => {
    closing = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
  };
  for (let i = 0; i < n; i++) spawnWorker();
  console.log(`阳光政务监察平台 Sunlight: ${n} 个服务进程 / ${n} server processes (pid ${process.pid})`);
  cluster.on('exit', (w, code, signal) => {
    live--;
    if (!closing) {
      console.error(`服务进程 ${w.id} 退出（${signal ?? code}）`);
      // one that dies at start-up (port taken, bad configuration) is not restarted in a loop
      if (Date.now() - (started.get(w.id) ?? 0) < 10_000) {
        console.error('服务进程启动后即退出：停止全部服务进程 / a worker died at start-up: stopping');
        process.exitCode = 1;
        stopAll();
      } else spawnWorker();
    }
    if (closing && live === 0) process.exit(process.exitCode ?? 0);
  });
  process.on('SIGTERM', stopAll);
  process.on('SIGINT', stopAll);
}

async function serve(): Promise<void> {
  const workers = workerCount();
  if (workers > 1 && cluster.isPrimary) return servePrimary(workers);
  const t0 = Date.now();
  const opts = databaseOptionsFromEnv();
  const { database, release } = await open();
  let closing = false;
  // with WORKERS, the first worker seeds the demo (once), the others serve what is there
  const seeder = !cluster.isWorker || cluster.worker!.id === 1;
  const demo = seeder && process.env.SEED_DEMO !== '0' && !(await hasRealUsers(database.db));
  if (demo) {
    const r = await seedDemo(database.db, new Date());
    if (r.users) console.log(`已写入演示城市：${r.units} 个单位，${r.users} 个演示账户（密码 ${DEMO_PASSWORD}，仅供演示），${r.items} 个事项`);
  }
  if (opts.dataDir) {
    const write = async (_db?: unknown) => writeFileSync(snapshotFile(opts.dataDir!), JSON.stringify((await loadCalendar(database.db)).overrides()));
    await write();
    onCalendarChange(write);
  }
  const app = await createApp({ database, logger: { level: process.env.LOG_LEVEL ?? 'info' } });
  // Electronic supervision's timer loop (SUP-2): real time only; tests drive `sweep` with their own clock.
  const stopSupervision = startTimerLoop(database.db, { databaseUrl: process.env.DATABASE_URL, log: (m, e) => app.log.error({ err: e }, m) });
  // 行政许可法 §32(4): applications not acted on within 5 working days count as accepted.
  const caseScheduler = startCaseScheduler({ db: database.db, now: () => new Date(), onError: (e) => app.log.error({ err: e }, 'auto-accept sweep failed') });
  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '0.0.0.0';
  await app.listen({ port, host });
  const who = cluster.isWorker ? ` [worker ${cluster.worker!.id}, pid ${process.pid}]` : '';
  console.log(`阳光政务监察平台 Sunlight ready on http://localhost:${port} (${database.kind}) in ${Date.now() - t0} ms${who}`);
  // Demo case histories go through the real command service; the server answers meanwhile.
  const history = demo
    ? seedDemoHistory(database.db, new Date(), () => closing)
        .then((n) => n && console.log(`已写入演示办件 ${n} 件`))
        .catch((e) => app.log.error({ err: e }, 'demo case seed failed'))
    : Promise.resolve();
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    // Fastify stops accepting, waits for in-flight requests (each a whole transaction), then we close the DB.
    await app.close();
    await history;
    caseScheduler.stop();
    await stopSupervision();
    await database.close();
    release();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

export async function main(argv: string[]): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  try {
    switch (cmd) {
      case 'serve':
        await serve();
        return 0;
      case 'migrate':
        await withDb(async () => console.log('数据库已是最新版本 / migrations applied'));
        return 0;
      case 'bench': {
        const { runBench } = await import('./bench.ts');
        await runBench(sub);
        return 0;
      }
      case 'verify': {
        const reports = await withDb((d) => verifyAllChains(d.db));
        let broken = false;
        for (const r of reports) {
          if (r.firstBreak) {
            broken = true;
            console.log(`${r.table}: 链断裂 BROKEN at stream ${r.firstBreak.streamId} seq ${r.firstBreak.seq} (id ${r.firstBreak.id}): ${r.firstBreak.reason}`);
          } else console.log(`${r.table}: ${r.events} events in ${r.streams} streams — OK`);
        }
        if (!reports.length) console.log('no event tables registered');
        return broken ? 1 : 0;
      }
      case 'seed': {
        const r = await withDb(async (d) => ({ ...(await seedDemo(d.db, new Date())), cases: await seedDemoHistory(d.db, new Date()) }));
        console.log(r.users || r.items || r.cases ? `已写入演示城市：${r.units} 个单位，${r.users} 个账户，${r.items} 个事项，${r.cases} 件办件` : '演示数据已存在，未重复写入');
        return 0;
      }
      case 'user': {
        if (sub !== 'create') break;
        const { values } = parseArgs({
          args: rest,
          options: { username: { type: 'string' }, name: { type: 'string' }, unit: { type: 'string' }, role: { type: 'string' }, password: { type: 'string' } },
        });
        if (!values.username || !values.name || !values.unit) {
          console.error('需要 --username --name --unit');
          return 2;
        }
        const r = await withDb((d) =>
          createStaffUser(d.db, SYSTEM_ACTOR, {
            username: values.username!, displayName: values.name!, unitId: Number(values.unit), roles: values.role ? values.role.split(',') : [], postIds: [],
          }, new Date(), { password: values.password }),
        );
        console.log(`用户已创建 id=${r.id}，初始密码：${r.initialPassword}（首次登录须修改）`);
        return 0;
      }
      case 'calendar': {
        if (sub === 'import') {
          const file = rest[0];
          if (!file) break;
          const { days, errors } = parseCalendarImport(readFileSync(file, 'utf8'));
          if (errors.length) {
            for (const e of errors) console.error(`第 ${e.row} 行：${e.message}`);
            return 1;
          }
          const n = await withDb((d) => importDays(d.db, days, null, new Date()));
          console.log(`已导入 ${n} 天`);
          return 0;
        }
        if (sub === 'add-workdays' || sub === 'add-days') {
          const [date, nStr] = rest;
          const n = Number(nStr);
          if (!isIsoDate(date) || !Number.isInteger(n) || n < 0) {
            console.error('用法：sunlight calendar add-workdays|add-days <YYYY-MM-DD> <n≥0>');
            return 2;
          }
          const cal = await calendarForCli();
          console.log(sub === 'add-workdays' ? cal.addWorkingDays(date, n) : cal.addNaturalDays(date, n));
          return 0;
        }
        break;
      }
      case undefined:
      case 'help':
      case '--help':
        console.log(USAGE);
        return 0;
    }
    console.error(USAGE);
    return 2;
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
}
