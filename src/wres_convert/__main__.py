from wres_convert.launcher import main

main()
