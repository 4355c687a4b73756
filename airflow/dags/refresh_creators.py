"""Refresh every tracked creator once a day through the SNS collector API.

One run, for its logical date:

1. submit: the creators in the ``tracked_creators`` Variable become jobs, sent in batches of at
   most 1,000 to ``POST /v1/jobs/batch``. Each batch carries an ``Idempotency-Key`` derived from the
   logical date and the batch's position, so a retried task (or a cleared and re-run one) gets the
   stored answer and enqueues nothing twice.
2. wait_for_jobs: polls ``GET /v1/jobs?batch=<batchId>&status=accepted,queued&limit=1`` for each
   batch until none of its jobs is still waiting or running (a sensor in reschedule mode: no worker
   slot is held while waiting).
3. report: lists the failed jobs of each batch (``status=failed``) and logs them by outcome, then
   asks the service to post the run's summary to the team's Slack channel
   (``POST /v1/reports/slack``: jobs by outcome, drifts by page type, creators to reconnect; the
   service holds the channel's webhook, so the DAG needs no Slack secret).

The HTTP calls are exactly those of AirflowDagCallsTest in collector-api, which runs them against
the real service.

Configuration:
- Connection ``collector_api`` (type HTTP): host = the API's base URL (``http://collector-api:8080``),
  password = an API key with the ``jobs:write`` and ``jobs:read`` scopes.
- Variable ``tracked_creators``: a JSON list such as
  ``[{"platform": "youtube", "kind": "profile", "target": "@handle"},
     {"platform": "instagram", "kind": "posts", "target": "17841400000000000",
      "accountId": "17841400000000000"}]``
  (``accountId`` names a creator whose token the platform stored with
  ``PUT /v1/accounts/{platform}/{accountId}/token``). ``posts`` and ``comments`` jobs are sent
  ``incremental`` (see INCREMENTAL_KINDS); an entry may carry ``"incremental": false`` or
  ``"refreshLast": N``.
"""

from __future__ import annotations

import json
import logging
from collections import Counter

import pendulum
import requests

try:  # Airflow 3: the task SDK
    from airflow.sdk import BaseHook, PokeReturnValue, Variable, dag, task
except ImportError:  # Airflow 2.7+
    from airflow.decorators import dag, task
    from airflow.hooks.base import BaseHook
    from airflow.models import Variable
    from airflow.sensors.base import PokeReturnValue

from airflow.exceptions import AirflowFailException

log = logging.getLogger(__name__)

BATCH_SIZE = 1000
# Posts and comments are refreshed incrementally: the service sets each job's ``since`` from the
# creator's last ok collection of the same kind, and the newest REFRESH_LAST posts before it come
# again so that their metrics are current. A creator entry may say ``"incremental": false`` (the
# whole history again) or its own ``refreshLast``.
INCREMENTAL_KINDS = ("posts", "comments")
REFRESH_LAST = 12
TIMEOUT_SECONDS = 30


def _api() -> tuple[str, dict[str, str]]:
    conn = BaseHook.get_connection("collector_api")
    base = conn.host if conn.host.startswith("http") else f"http://{conn.host}:{conn.port or 8080}"
    return base.rstrip("/"), {"Authorization": f"Bearer {conn.password}"}


def _check(response: requests.Response) -> dict:
    """A problem (4xx) fails the task for good; a 5xx raises so Airflow retries it."""
    if 400 <= response.status_code < 500:
        problem = response.json()
        raise AirflowFailException(
            f"{problem.get('title')}: {problem.get('detail')} {problem.get('errors', [])}"
        )
    response.raise_for_status()
    return response.json()


def batch_request(creators: list[dict], logical_date: str) -> dict:
    """The body of one POST /v1/jobs/batch: the same creators and date give the same bytes."""
    jobs = []
    for c in creators:
        job = {"platform": c["platform"], "kind": c.get("kind", "profile"), "target": c["target"]}
        if c.get("accountId"):
            job["account"] = {"accountId": c["accountId"]}
        if job["kind"] in INCREMENTAL_KINDS and c.get("incremental", True):
            job["incremental"] = True
            if job["kind"] == "posts":
                job["options"] = {"refreshLast": c.get("refreshLast", REFRESH_LAST)}
        job["metadata"] = {"source": "airflow:refresh_creators", "logicalDate": logical_date}
        jobs.append(job)
    return {"jobs": jobs}


@dag(
    dag_id="refresh_creators",
    schedule="0 6 * * *",
    start_date=pendulum.datetime(2026, 11, 1, tz="Asia/Seoul"),
    catchup=False,
    max_active_runs=1,
    default_args={"retries": 3, "retry_delay": pendulum.duration(minutes=2)},
    tags=["sns-collector"],
)
def refresh_creators():
    @task
    def submit(ds: str | None = None) -> list[str]:
        creators = json.loads(Variable.get("tracked_creators", default="[]"))
        base, headers = _api()
        batch_ids = []
        for n, start in enumerate(range(0, len(creators), BATCH_SIZE)):
            body = batch_request(creators[start : start + BATCH_SIZE], ds)
            response = requests.post(
                f"{base}/v1/jobs/batch",
                data=json.dumps(body),
                headers={
                    **headers,
                    "Content-Type": "application/json",
                    "Idempotency-Key": f"refresh-creators-{ds}-{n}",
                },
                timeout=TIMEOUT_SECONDS,
            )
            answer = _check(response)
            for item in answer["items"]:
                if item["status"] == "rejected":
                    log.warning("job %s rejected: %s", item["index"], item["errors"])
            log.info(
                "batch %s: %s accepted, %s rejected%s",
                answer["batchId"],
                answer["accepted"],
                answer["rejected"],
                " (replayed)" if response.headers.get("Idempotent-Replayed") else "",
            )
            batch_ids.append(answer["batchId"])
        return batch_ids

    @task.sensor(poke_interval=60, timeout=6 * 3600, mode="reschedule")
    def wait_for_jobs(batch_ids: list[str]) -> PokeReturnValue:
        base, headers = _api()
        for batch_id in batch_ids:
            page = _check(
                requests.get(
                    f"{base}/v1/jobs",
                    params={"batch": batch_id, "status": "accepted,queued", "limit": 1},
                    headers=headers,
                    timeout=TIMEOUT_SECONDS,
                )
            )
            if page["items"]:
                return PokeReturnValue(is_done=False)
        return PokeReturnValue(is_done=True)

    @task
    def report(batch_ids: list[str], ds: str | None = None) -> dict[str, int]:
        base, headers = _api()
        outcomes: Counter[str] = Counter()
        for batch_id in batch_ids:
            cursor = None
            while True:
                params = {"batch": batch_id, "status": "failed", "limit": 1000}
                if cursor:
                    params["cursor"] = cursor
                page = _check(
                    requests.get(
                        f"{base}/v1/jobs", params=params, headers=headers, timeout=TIMEOUT_SECONDS
                    )
                )
                outcomes.update(job["outcome"] for job in page["items"])
                cursor = page["nextCursor"]
                if not cursor:
                    break
        log.info("failed jobs by outcome: %s", dict(outcomes) or "none")
        summary = _check(
            requests.post(
                f"{base}/v1/reports/slack",
                data=json.dumps({"title": f"refresh_creators {ds}", "batches": batch_ids}),
                headers={**headers, "Content-Type": "application/json"},
                timeout=TIMEOUT_SECONDS,
            )
        )
        log.info("run summary (posted to Slack: %s): %s", summary["posted"], summary)
        return dict(outcomes)

    batches = submit()
    wait_for_jobs(batches) >> report(batches)


refresh_creators()
