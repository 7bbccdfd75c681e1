import nox


@nox.session
def lint(session):
    session.install("ruff")
    session.run("ruff", "check", "src")


@nox.session(python="3.12")
def typing(session):
    session.install("mypy", "pyright")
    session.run(
        "mypy",
        "src",
    )
    session.run("pyright", "src")
