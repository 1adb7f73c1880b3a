// The journey of bench/run for k6: VUS virtual users, each looping a login whose JSON answer's
// token is read, a request carrying it in an Authorization header, and a plain GET, on its own
// keep-alive connection for DURATION. Only the login's body is read; the others are discarded.
import http from 'k6/http';

export const options = {
  discardResponseBodies: true,
  summaryTrendStats: ['p(50)', 'p(99)'],
  scenarios: {
    journey: {
      executor: 'constant-vus',
      vus: Number(__ENV.VUS || 64),
      duration: __ENV.DURATION || '10s',
      gracefulStop: '0s',
    },
  },
};

export default function () {
  const login = http.post(`${__ENV.URL}login`, null, { responseType: 'text' });
  const token = login.json('token');
  http.get(`${__ENV.URL}session/cart`, { headers: { Authorization: `Bearer ${token}` } });
  http.get(__ENV.URL);
}

export function handleSummary(data) {
  return { [__ENV.SUMMARY]: JSON.stringify(data) };
}
