// Closed model for bench/run: VUS virtual users, each sending GET URL back to back on its own
// keep-alive connection for DURATION. Bodies are discarded (k6's fastest setting); the summary is
// written as JSON to SUMMARY so bench/run reads the request rate rather than scraping text.
import http from 'k6/http';

export const options = {
  discardResponseBodies: true,
  summaryTrendStats: ['p(50)', 'p(99)'],
  scenarios: {
    closed: {
      executor: 'constant-vus',
      vus: Number(__ENV.VUS || 64),
      duration: __ENV.DURATION || '10s',
      gracefulStop: '0s',
    },
  },
};

export default function () {
  http.get(__ENV.URL);
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY]: JSON.stringify(data) };
}
