from samarbejde import run

run()
