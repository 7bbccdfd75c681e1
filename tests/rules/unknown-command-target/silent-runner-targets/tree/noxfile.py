import nox


@nox.session
@nox.parametrize("django", ["4.2", "5.0"])
def tests(session, django):
    session.run("pytest")
