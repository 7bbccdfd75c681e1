import nox
from nox_sessions import *  # noqa


@nox.session
def tests(session):
    session.run("pytest")
