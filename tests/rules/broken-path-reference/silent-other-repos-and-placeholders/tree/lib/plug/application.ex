defmodule Plug.Application do end
