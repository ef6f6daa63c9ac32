from wres_convert.cli.launcher import main

main()
