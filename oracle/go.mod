module maplab/oracle

go 1.19
