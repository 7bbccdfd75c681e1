import nox


@nox.session(python=["3.11", "3.12"])
def tests(session):
    session.run("pytest")


@nox.session(name="lint-all")
def lint(session):
    session.run("ruff", "check")
