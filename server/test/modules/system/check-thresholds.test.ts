import { expect } from 'chai';
import { db } from '../../../src/db/sequelize';
import { clock } from '../../../src/lib/clock';
import { OutboxEmail } from '../../../src/modules/mail/mail.models';
import { RequestMetrics } from '../../../src/modules/system/monitoring/request-metrics';
import { publishRequestMetrics } from '../../../src/modules/system/monitoring/shared-metrics';
import { checkThresholds } from '../../../src/modules/system/alerts/check-thresholds.service';
import { listAlerts } from '../../../src/modules/system/alerts/list-alerts.service';
import { Setting } from '../../../src/modules/system/setting.models';
import { resetDatabase } from '../../support/app';
import { makeUser } from '../../support/factories';

describe('alert threshold check (job)', () => {
  // The check reads request metrics on the same clock the test moves.
  let metrics: RequestMetrics;
  const traffic = (n: number, status: number, ms = 20) => {
    for (let i = 0; i < n; i++) metrics.record('GET /api/projects', status, ms);
  };
  const alertMails = () => OutboxEmail.findAll({ where: { template: 'monitoring_alert' }, order: [['toAddress', 'ASC']] });

  beforeEach(async () => {
    await resetDatabase();
    await db().query('DELETE FROM monitoring_alerts');
    await db().query('DELETE FROM request_metric_minutes');
    await makeUser({ email: 'ops1@example.com', role: 'super_admin' });
    await makeUser({ email: 'ops2@example.com', role: 'super_admin' });
    await makeUser({ email: 'support@example.com', role: 'support_admin' });
    await makeUser({ email: 'gone@example.com', role: 'super_admin', status: 'suspended' });
    await Setting.upsert({ key: 'monitoring.thresholds', value: { errorRatePercent: 10, p95LatencyMs: 500, queueBacklog: 1000 } });
    clock.set(new Date('2026-11-24T10:00:00Z'));
    metrics = new RequestMetrics();
  });

  it('stays quiet under the thresholds and with too little traffic', async () => {
    traffic(100, 200);
    traffic(5, 500); // 4.8 %
    expect(await checkThresholds(metrics)).to.deep.include({ raised: [], notified: 0 });
    await db().query('DELETE FROM request_metric_minutes');
    const quiet = new RequestMetrics();
    for (let i = 0; i < 10; i++) quiet.record('GET /api/x', 500, 20); // 100 % of 10 requests: not enough to judge
    expect((await checkThresholds(quiet)).raised).to.deep.equal([]);
    expect(await alertMails()).to.have.length(0);
  });

  it('e-mails the active super admins once per crossing, not on every run, and again after recovery', async () => {
    traffic(80, 200);
    traffic(20, 500); // 20 % > 10 %
    const first = await checkThresholds(metrics);
    expect(first.raised).to.deep.equal(['error_rate']);
    expect(first.notified).to.equal(2);
    let mails = await alertMails();
    expect(mails.map((m) => m.toAddress)).to.deep.equal(['ops1@example.com', 'ops2@example.com']);
    expect(mails[0].subject).to.equal('[Socrates alert] Error rate above its threshold');
    expect(mails[0].textBody).to.contain('Error rate: 20 % (threshold 10 %)');

    // Five minutes later it is still crossed: the alert stays open, nobody is e-mailed again.
    clock.advance(5 * 60_000);
    traffic(10, 500);
    const second = await checkThresholds(metrics);
    expect(second).to.deep.include({ raised: [], stillOpen: ['error_rate'], notified: 0 });
    expect(await alertMails()).to.have.length(2);
    const [open] = await listAlerts();
    expect(open).to.include({ metric: 'error_rate', value: 20, resolvedAt: null });
    expect(open.lastValue).to.equal(27.3); // 30 of 110

    // Twenty minutes on, the bad minutes have left the 15-minute window and traffic is healthy.
    clock.advance(20 * 60_000);
    traffic(50, 200);
    const third = await checkThresholds(metrics);
    expect(third.resolved).to.deep.equal(['error_rate']);
    expect(await OutboxEmail.count({ where: { template: 'monitoring_alert_resolved' } })).to.equal(2);
    expect(Date.parse((await listAlerts())[0].resolvedAt!)).to.be.closeTo(Date.parse('2026-11-24T10:25:00Z'), 5_000);

    // A new crossing is a new alert and a new e-mail.
    clock.advance(5 * 60_000);
    traffic(50, 500);
    expect((await checkThresholds(metrics)).raised).to.deep.equal(['error_rate']);
    mails = await alertMails();
    expect(mails).to.have.length(4);
    expect(await listAlerts()).to.have.length(2);
  });

  it('adds up the traffic of every API process, wherever the check runs', async () => {
    // Two API processes with 15 requests each: too few to judge alone, 30 together at 20 % errors.
    const apiA = new RequestMetrics();
    const apiB = new RequestMetrics();
    for (const api of [apiA, apiB]) {
      for (let i = 0; i < 12; i++) api.record('GET /api/projects', 200, 20);
      for (let i = 0; i < 3; i++) api.record('GET /api/projects', 500, 20);
      await publishRequestMetrics(api);
    }
    // The worker that runs the job serves no HTTP itself.
    const result = await checkThresholds(new RequestMetrics());
    expect(result.raised).to.deep.equal(['error_rate']);
    expect((await listAlerts())[0].value).to.equal(20);
  });

  it('raises p95 latency and queue backlog alerts too', async () => {
    traffic(100, 200, 900); // p95 in (800, 1000] > 500 ms
    await Setting.upsert({ key: 'monitoring.thresholds', value: { errorRatePercent: 10, p95LatencyMs: 500, queueBacklog: 1 } });
    await db().query(`SELECT pgboss.create_queue('monitoring-test-backlog', '{"policy":"standard"}'::json)`).catch(() => undefined);
    await db().query(`INSERT INTO pgboss.job (name, data, start_after) SELECT 'monitoring-test-backlog', '{}'::jsonb, now() - interval '1 minute' FROM generate_series(1, 3)`);
    try {
      const result = await checkThresholds(metrics);
      expect(result.raised).to.have.members(['p95_latency', 'queue_backlog']);
      const mails = await alertMails();
      expect(mails).to.have.length(2); // one e-mail per admin naming both
      expect(mails[0].subject).to.equal('[Socrates alert] 2 thresholds crossed');
      // at least our 3 jobs (other queues may have work waiting too)
      const backlog = Number(/Job queue backlog: (\d+) jobs \(threshold 1 jobs\)/.exec(mails[0].textBody)?.[1]);
      expect(backlog).to.be.at.least(3);
    } finally {
      await db().query(`DELETE FROM pgboss.job WHERE name = 'monitoring-test-backlog'`);
    }
  });
});
