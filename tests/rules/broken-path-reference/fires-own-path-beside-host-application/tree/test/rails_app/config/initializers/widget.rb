Widget.setup {}
