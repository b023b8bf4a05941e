import { rulesWithout, judge } from '../../core/detection/evaluation/generalisation';
import { readReferenceCases } from '../../core/detection/evaluation/sets';
const cases = readReferenceCases();
for (const [svc, id] of [['cloudflare','cf-1009-generic-country-ban-html'],['openai','chatgpt-unable-to-load-site-vpn']]) {
  const c = cases.find((x) => x.id === id)!;
  const o = judge(rulesWithout(svc), c);
  console.log(id, JSON.stringify(c.observation).slice(0,300));
  console.log(JSON.stringify(o.verdict, null, 1).slice(0, 1500));
}
