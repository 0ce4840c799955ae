from tradescreen.cli import run

run()
