from wres_convert.cli import main

main()
